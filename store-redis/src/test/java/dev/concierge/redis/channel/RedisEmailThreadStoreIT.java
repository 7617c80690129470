package dev.concierge.redis.channel;

import dev.concierge.channel.contract.EmailThreadStoreContract;
import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisEmailThreadStoreIT implements EmailThreadStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private EmailThreadStore store;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("chan");
        store = new RedisEmailThreadStore(redis, new RedisKeys(namespace));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public EmailThreadStore threads() {
        return store;
    }
}
