package dev.concierge.redis.auth;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.auth.Session;
import dev.concierge.core.auth.SessionStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Sessions as JSON with a Redis TTL, so they disappear by themselves; expiry is also checked on read. */
public final class RedisSessionStore implements SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);
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
        String key = keys.session(tokenHash);
        String stored = guard(() -> redis.get(key));
        if (stored == null) {
            return Optional.empty();
        }
        Session session;
        try {
            session = json.read(stored, Session.class);
        } catch (UncheckedIOException e) {
            // a record no code of ours wrote (edited by hand, or by another version): signed out, not a 500 on every
            // request that carries the token
            LOG.warn("unreadable session record in Redis, removed; its holder must sign in again: {}", e.getMessage());
            guard(() -> redis.del(key));
            return Optional.empty();
        }
        return session.isExpired(now) ? Optional.empty() : Optional.of(session);
    }

    @Override
    public void delete(String tokenHash) {
        guard(() -> redis.del(keys.session(tokenHash)));
    }
}
