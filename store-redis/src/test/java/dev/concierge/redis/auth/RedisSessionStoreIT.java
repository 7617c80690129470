package dev.concierge.redis.auth;

import dev.concierge.core.auth.SessionStore;
import dev.concierge.core.contract.SessionStoreContract;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSessionStoreIT implements SessionStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("sess");
    private SessionStore sessions;

    @BeforeEach
    void connect() {
        sessions = new RedisSessionStore(redis.client(), redis.keys(), new RedisJson());
    }

    @Test
    void anUnreadableRecordIsNoSessionAndIsRemoved() {
        String key = redis.keys().session("hash-1");
        redis.client().set(key, "{\"agentId\": [not json");
        assertThat(sessions.find("hash-1", Instant.now())).isEmpty();
        assertThat(redis.client().exists(key)).isFalse();
        redis.client().set(key, "{\"unexpected\":1}");
        assertThat(sessions.find("hash-1", Instant.now())).isEmpty();
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }
}
