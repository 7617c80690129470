package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.contract.RouterContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

/** The router contract against the real Redis: every call of {@link #stores()} gets its own namespace. */
class RedisRouterIT implements RouterContract {
    private UnifiedJedis redis;
    private final List<String> namespaces = new ArrayList<>();

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            namespaces.forEach(ns -> RedisTestSupport.deleteNamespace(redis, ns));
            redis.close();
        }
    }

    @Override
    public RoutingStores stores() {
        String namespace = RedisTestSupport.uniqueNamespace("routing");
        namespaces.add(namespace);
        return RedisRouting.stores(redis, new RedisKeys(namespace), new RedisJson());
    }
}
