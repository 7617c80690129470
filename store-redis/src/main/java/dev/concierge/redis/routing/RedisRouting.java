package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.RoutingStores;
import redis.clients.jedis.UnifiedJedis;

/** Builds the Redis variants of routing's stores (state, agent directory, tickets) on one client. */
public final class RedisRouting {
    private RedisRouting() {
    }

    public static RoutingStores stores(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        return new RoutingStores(new RedisRoutingState(redis, keys, json), new RedisAgentDirectory(redis, keys, json),
                new RedisTicketStore(redis, keys, json));
    }
}
