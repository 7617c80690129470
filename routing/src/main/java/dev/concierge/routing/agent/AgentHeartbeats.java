package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * When a node last vouched that an agent is connected to it. Nodes beat for their own agents every few seconds; an
 * agent marked online whom no node has vouched for lately was on a node that died (SIGKILL, lost host), and any
 * node may take them offline so that their offers go to someone else. Thread-safe; shared by the nodes of one
 * deployment (in memory for a single node, in Redis for several).
 */
public interface AgentHeartbeats {

    /** Each of {@code agents} was seen connected at {@code now}. */
    void beat(Collection<AgentId> agents, Instant now);

    /** The last beat of every agent that has one. */
    Map<AgentId, Instant> last();

    /** Drops the agent's beats (they are offline). */
    void forget(AgentId agent);
}
