package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.RoutingStores;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Builds the Redis variants of routing's stores (state, agent directory, tickets) on one client. */
public final class RedisRouting {
    private RedisRouting() {
    }

    public static RoutingStores stores(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        return new RoutingStores(new RedisRoutingState(redis, keys, json), new RedisAgentDirectory(redis, keys, json),
                new RedisTicketStore(redis, keys, json));
    }

    /** Deletes every key of the namespace with SCAN (never KEYS): for benchmarks and throw-away namespaces. */
    public static void deleteNamespace(UnifiedJedis redis, RedisKeys keys) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(keys.everything()).count(500);
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            for (String key : page.getResult()) {
                redis.del(key);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
