package dev.concierge.redis.customer;

import dev.concierge.core.contract.ShopperTokenStoreContract;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisShopperTokenStoreIT implements ShopperTokenStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private ShopperTokenStore tokens;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("tok");
        tokens = new RedisShopperTokenStore(redis, new RedisKeys(namespace));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public ShopperTokenStore tokens() {
        return tokens;
    }
}
