package dev.concierge.redis.customer;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.redis.RedisKeys;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

public final class RedisShopperTokenStore implements ShopperTokenStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisShopperTokenStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public boolean bindIfAbsent(CustomerId customer, String tokenHash) {
        return guard(() -> redis.setnx(keys.shopperToken(customer), tokenHash) == 1L);
    }

    @Override
    public Optional<String> tokenHash(CustomerId customer) {
        return Optional.ofNullable(guard(() -> redis.get(keys.shopperToken(customer))));
    }

    @Override
    public void delete(CustomerId customer) {
        guard(() -> redis.del(keys.shopperToken(customer)));
    }
}
