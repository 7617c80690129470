package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * When each node last vouched that an agent is connected to it. Nodes beat for their own agents every few seconds;
 * an agent marked online whom no node has vouched for lately was on a node that died (SIGKILL, lost host), and any
 * node may take them offline so that their offers go to someone else. An agent whose socket closes on one node but
 * who is still connected to another (a second tab, a reconnection through the balancer) stays online. Thread-safe;
 * shared by the nodes of one deployment (in memory for a single node, in Redis for several).
 */
public interface AgentHeartbeats {

    /** Each of {@code agents} was connected to {@code node} at {@code now}. */
    void beat(String node, Collection<AgentId> agents, Instant now);

    /** The last beat of every agent that has one, whichever node it came from. */
    Map<AgentId, Instant> last();

    /** The agent's last beat from a node other than {@code node}, if any. */
    Optional<Instant> lastElsewhere(AgentId agent, String node);

    /** Drops {@code node}'s beats for the agent (their socket there closed, or they went offline). */
    void forget(String node, AgentId agent);

    /** Drops every node's beats for the agent. */
    void forgetEverywhere(AgentId agent);
}
