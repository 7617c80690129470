package dev.concierge.redis.routing;

import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.agent.AgentHeartbeats;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** {@link AgentHeartbeats} in one Redis hash (agent id → epoch milliseconds of the last beat), shared by the nodes. */
public final class RedisAgentHeartbeats implements AgentHeartbeats {
    private final UnifiedJedis redis;
    private final String key;

    public RedisAgentHeartbeats(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.agentHeartbeats();
    }

    @Override
    public void beat(Collection<AgentId> agents, Instant now) {
        if (agents.isEmpty()) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        String millis = Long.toString(now.toEpochMilli());
        agents.forEach(agent -> fields.put(agent.value(), millis));
        redis.hset(key, fields);
    }

    @Override
    public Map<AgentId, Instant> last() {
        Map<AgentId, Instant> result = new HashMap<>();
        redis.hgetAll(key).forEach((agent, millis) -> {
            try {
                result.put(new AgentId(agent), Instant.ofEpochMilli(Long.parseLong(millis)));
            } catch (IllegalArgumentException ignored) {
                // not one of ours: a field nobody beats for is the same as a missing one
            }
        });
        return result;
    }

    @Override
    public void forget(AgentId agent) {
        redis.hdel(key, agent.value());
    }
}
