package dev.concierge.redis.channel;

import dev.concierge.channel.contract.IdempotencyStoreContract;
import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisIdempotencyStoreIT implements IdempotencyStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private IdempotencyStore store;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("chan");
        store = new RedisIdempotencyStore(redis, new RedisKeys(namespace));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public IdempotencyStore idempotency() {
        return store;
    }
}
