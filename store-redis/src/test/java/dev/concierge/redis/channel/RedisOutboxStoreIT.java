package dev.concierge.redis.channel;

import dev.concierge.channel.contract.OutboxStoreContract;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisOutboxStoreIT implements OutboxStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("chan");
    private OutboxStore store;

    @BeforeEach
    void connect() {
        store = new RedisOutboxStore(redis.client(), redis.keys(), new RedisJson());
    }

    @Override
    public OutboxStore outbox() {
        return store;
    }
}
