package dev.concierge.redis.channel;

import dev.concierge.channel.contract.EmailThreadStoreContract;
import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisEmailThreadStoreIT implements EmailThreadStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("chan");
    private EmailThreadStore store;

    @BeforeEach
    void connect() {
        store = new RedisEmailThreadStore(redis.client(), redis.keys());
    }

    @Override
    public EmailThreadStore threads() {
        return store;
    }
}
