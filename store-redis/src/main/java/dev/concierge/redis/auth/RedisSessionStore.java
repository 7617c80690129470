package dev.concierge.redis.auth;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.auth.Session;
import dev.concierge.core.auth.SessionStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Sessions as JSON with a Redis TTL, so they disappear by themselves; expiry is also checked on read. */
public final class RedisSessionStore implements SessionStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;

    public RedisSessionStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void put(String tokenHash, Session session) {
        long ttl = Math.max(1, Duration.between(Instant.now(), session.expiresAt()).toMillis());
        guard(() -> redis.set(keys.session(tokenHash), json.write(session), SetParams.setParams().px(ttl)));
    }

    @Override
    public Optional<Session> find(String tokenHash, Instant now) {
        String stored = guard(() -> redis.get(keys.session(tokenHash)));
        return Optional.ofNullable(stored).map(s -> json.read(s, Session.class)).filter(s -> !s.isExpired(now));
    }

    @Override
    public void delete(String tokenHash) {
        guard(() -> redis.del(keys.session(tokenHash)));
    }
}
