package dev.concierge.server;

import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class ShopperToAgentRedisIT extends ShopperToAgentScenario {
    private UnifiedJedis redis;
    private String namespace;
    private TestServer server;

    @BeforeEach
    void start() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("e2e");
        server = TestServer.redis(RedisTestSupport.url(), namespace);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    TestServer server() {
        return server;
    }
}
