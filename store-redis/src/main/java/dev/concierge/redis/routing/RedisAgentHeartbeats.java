package dev.concierge.redis.routing;

import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.agent.AgentHeartbeats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link AgentHeartbeats} in one Redis hash shared by the nodes: field {@code agent|node} → epoch milliseconds of
 * that node's last beat for the agent. A few hundred agents on a few nodes: reading it whole is cheap.
 */
public final class RedisAgentHeartbeats implements AgentHeartbeats {
    private static final char SEPARATOR = '|';
    private final UnifiedJedis redis;
    private final String key;

    public RedisAgentHeartbeats(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.agentHeartbeats();
    }

    @Override
    public void beat(String node, Collection<AgentId> agents, Instant now) {
        if (agents.isEmpty()) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        String millis = Long.toString(now.toEpochMilli());
        agents.forEach(agent -> fields.put(agent.value() + SEPARATOR + node, millis));
        redis.hset(key, fields);
    }

    private record Beat(AgentId agent, String node, Instant at) {
    }

    private List<Beat> all() {
        List<Beat> result = new ArrayList<>();
        redis.hgetAll(key).forEach((field, millis) -> {
            int cut = field.lastIndexOf(SEPARATOR);
            try {
                result.add(new Beat(new AgentId(field.substring(0, Math.max(0, cut))), field.substring(cut + 1),
                        Instant.ofEpochMilli(Long.parseLong(millis))));
            } catch (IllegalArgumentException | IndexOutOfBoundsException ignored) {
                // not one of ours: a field nobody beats for is the same as a missing one
            }
        });
        return result;
    }

    @Override
    public Map<AgentId, Instant> last() {
        Map<AgentId, Instant> result = new HashMap<>();
        for (Beat beat : all()) {
            result.merge(beat.agent(), beat.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return result;
    }

    @Override
    public Optional<Instant> lastElsewhere(AgentId agent, String node) {
        return all().stream().filter(b -> b.agent().equals(agent) && !b.node().equals(node)).map(Beat::at)
                .max(Instant::compareTo);
    }

    @Override
    public void forget(String node, AgentId agent) {
        redis.hdel(key, agent.value() + SEPARATOR + node);
    }

    @Override
    public void forgetEverywhere(AgentId agent) {
        List<String> fields = all().stream().filter(b -> b.agent().equals(agent))
                .map(b -> b.agent().value() + SEPARATOR + b.node()).toList();
        if (!fields.isEmpty()) {
            redis.hdel(key, fields.toArray(String[]::new));
        }
    }
}
