package dev.concierge.redis.auth;

import dev.concierge.core.auth.SessionStore;
import dev.concierge.core.contract.SessionStoreContract;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSessionStoreIT implements SessionStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("sess");
    private SessionStore sessions;

    @BeforeEach
    void connect() {
        sessions = new RedisSessionStore(redis.client(), redis.keys(), new RedisJson());
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }
}
