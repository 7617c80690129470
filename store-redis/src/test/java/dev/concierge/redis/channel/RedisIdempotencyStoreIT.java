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

    @org.junit.jupiter.api.Test
    void aClaimNeverKeptLapsesSoTheRetryIsAccepted() throws Exception {
        // a node that died between claiming and storing: the provider's retry gets in once the lease is over
        org.assertj.core.api.Assertions.assertThat(store.claim("sms", "SM-lost", java.time.Duration.ofMillis(150)))
                .isTrue();
        Thread.sleep(400);
        org.assertj.core.api.Assertions.assertThat(store.claim("sms", "SM-lost", java.time.Duration.ofMinutes(2)))
                .isTrue();
    }
}
