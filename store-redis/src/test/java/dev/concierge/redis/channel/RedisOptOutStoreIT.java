package dev.concierge.redis.channel;

import dev.concierge.channel.contract.OptOutStoreContract;
import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisOptOutStoreIT implements OptOutStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private OptOutStore store;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("chan");
        store = new RedisOptOutStore(redis, new RedisKeys(namespace));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public OptOutStore optOuts() {
        return store;
    }
}
