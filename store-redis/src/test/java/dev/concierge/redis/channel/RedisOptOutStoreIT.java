package dev.concierge.redis.channel;

import dev.concierge.channel.contract.OptOutStoreContract;
import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisOptOutStoreIT implements OptOutStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("chan");
    private OptOutStore store;

    @BeforeEach
    void connect() {
        store = new RedisOptOutStore(redis.client(), redis.keys());
    }

    @Override
    public OptOutStore optOuts() {
        return store;
    }
}
