package dev.concierge.redis.customer;

import dev.concierge.core.contract.CustomerStoreContract;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisCustomerStoreIT implements CustomerStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private CustomerStore customers;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("cust");
        customers = new RedisCustomerStore(redis, new RedisKeys(namespace), new RedisJson());
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }
}
