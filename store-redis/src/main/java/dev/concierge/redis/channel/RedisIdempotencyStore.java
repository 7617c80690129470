package dev.concierge.redis.channel;

import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** SET NX PX: the first claim wins on every node; the key expires by itself. */
public final class RedisIdempotencyStore implements IdempotencyStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisIdempotencyStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public boolean claim(String scope, String key, Duration ttl) {
        String k = keys.channelDedupe(SafeKeys.of(scope), SafeKeys.of(key));
        return RedisFailures.guard(() -> "OK".equals(redis.set(k, "1", SetParams.setParams().nx().px(ttl.toMillis()))));
    }

    @Override
    public void keep(String scope, String key, Duration ttl) {
        String k = keys.channelDedupe(SafeKeys.of(scope), SafeKeys.of(key));
        RedisFailures.guardRun(() -> redis.set(k, "1", SetParams.setParams().px(ttl.toMillis())));
    }

    @Override
    public void release(String scope, String key) {
        String k = keys.channelDedupe(SafeKeys.of(scope), SafeKeys.of(key));
        RedisFailures.guardRun(() -> redis.del(k));
    }
}
