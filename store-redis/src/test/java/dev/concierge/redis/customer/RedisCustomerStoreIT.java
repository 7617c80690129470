package dev.concierge.redis.customer;

import dev.concierge.core.contract.CustomerStoreContract;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCustomerStoreIT implements CustomerStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("cust");
    private CustomerStore customers;

    @BeforeEach
    void connect() {
        customers = new RedisCustomerStore(redis.client(), redis.keys(), new RedisJson());
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }
}
