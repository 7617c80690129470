package dev.concierge.redis.customer;

import dev.concierge.core.contract.ShopperTokenStoreContract;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisShopperTokenStoreIT implements ShopperTokenStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("tok");
    private ShopperTokenStore tokens;

    @BeforeEach
    void connect() {
        tokens = new RedisShopperTokenStore(redis.client(), redis.keys());
    }

    @Override
    public ShopperTokenStore tokens() {
        return tokens;
    }
}
