package dev.concierge.redis.auth;

import dev.concierge.core.auth.SessionStore;
import dev.concierge.core.contract.SessionStoreContract;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisSessionStoreIT implements SessionStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private SessionStore sessions;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("sess");
        sessions = new RedisSessionStore(redis, new RedisKeys(namespace), new RedisJson());
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }
}
