package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.contract.RouterRaceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

/** The two-node race against the real Redis: two routers, two Jedis clients, one namespace. */
class RedisRoutingConcurrencyIT implements RouterRaceContract {
    private UnifiedJedis redisA;
    private UnifiedJedis redisB;
    private String namespace;

    @BeforeEach
    void connect() {
        redisA = RedisTestSupport.connectOrSkip();
        redisB = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("routing-race");
    }

    @AfterEach
    void cleanUp() {
        if (redisA != null) {
            RedisTestSupport.deleteNamespace(redisA, namespace);
            redisA.close();
        }
        if (redisB != null) {
            redisB.close();
        }
    }

    @Override
    public RoutingStores[] twoNodes() {
        RedisKeys keys = new RedisKeys(namespace);
        return new RoutingStores[] {RedisRouting.stores(redisA, keys, new RedisJson()),
            RedisRouting.stores(redisB, keys, new RedisJson())};
    }
}
