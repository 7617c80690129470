package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AgentHeartbeats} of one process (its nodes are the servers of a test, or the one server). */
public final class InMemoryAgentHeartbeats implements AgentHeartbeats {
    private final Map<AgentId, Map<String, Instant>> beats = new ConcurrentHashMap<>();

    @Override
    public void beat(String node, Collection<AgentId> agents, Instant now) {
        for (AgentId agent : agents) {
            beats.computeIfAbsent(agent, a -> new ConcurrentHashMap<>()).put(node, now);
        }
    }

    @Override
    public Map<AgentId, Instant> last() {
        Map<AgentId, Instant> result = new HashMap<>();
        beats.forEach((agent, byNode) -> byNode.values().stream().max(Instant::compareTo)
                .ifPresent(latest -> result.put(agent, latest)));
        return result;
    }

    @Override
    public Optional<Instant> lastElsewhere(AgentId agent, String node) {
        return beats.getOrDefault(agent, Map.of()).entrySet().stream().filter(e -> !e.getKey().equals(node))
                .map(Map.Entry::getValue).max(Instant::compareTo);
    }

    @Override
    public void forget(String node, AgentId agent) {
        beats.computeIfPresent(agent, (a, byNode) -> {
            byNode.remove(node);
            return byNode.isEmpty() ? null : byNode;
        });
    }

    @Override
    public void forgetEverywhere(AgentId agent) {
        beats.remove(agent);
    }
}
