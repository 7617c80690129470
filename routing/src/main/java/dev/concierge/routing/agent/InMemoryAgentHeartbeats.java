package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AgentHeartbeats} of one process. */
public final class InMemoryAgentHeartbeats implements AgentHeartbeats {
    private final Map<AgentId, Instant> beats = new ConcurrentHashMap<>();

    @Override
    public void beat(Collection<AgentId> agents, Instant now) {
        for (AgentId agent : agents) {
            beats.put(agent, now);
        }
    }

    @Override
    public Map<AgentId, Instant> last() {
        return Map.copyOf(beats);
    }

    @Override
    public void forget(AgentId agent) {
        beats.remove(agent);
    }
}
