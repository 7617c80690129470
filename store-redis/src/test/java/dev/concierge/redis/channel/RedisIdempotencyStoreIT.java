package dev.concierge.redis.channel;

import dev.concierge.channel.contract.IdempotencyStoreContract;
import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisIdempotencyStoreIT implements IdempotencyStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("chan");
    private IdempotencyStore store;

    @BeforeEach
    void connect() {
        store = new RedisIdempotencyStore(redis.client(), redis.keys());
    }

    @Override
    public IdempotencyStore idempotency() {
        return store;
    }
}
