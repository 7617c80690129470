package dev.concierge.server;

import dev.concierge.redis.RedisNamespace;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShopperToAgentRedisIT extends ShopperToAgentScenario {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("e2e");
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.redis(RedisTestSupport.url(), redis.namespace());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    TestServer server() {
        return server;
    }
}
