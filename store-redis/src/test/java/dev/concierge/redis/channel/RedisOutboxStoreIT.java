package dev.concierge.redis.channel;

import dev.concierge.channel.contract.OutboxStoreContract;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisOutboxStoreIT implements OutboxStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private OutboxStore store;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("chan");
        store = new RedisOutboxStore(redis, new RedisKeys(namespace), new RedisJson());
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public OutboxStore outbox() {
        return store;
    }
}
