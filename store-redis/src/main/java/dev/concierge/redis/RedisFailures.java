package dev.concierge.redis;

import dev.concierge.core.StoreUnavailableException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Turns "Redis is not there" into the store-level exception callers handle (503, not ready). */
public final class RedisFailures {
    private RedisFailures() {
    }

    public static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisConnectionException e) {
            throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
        }
    }

    public static void guardRun(Runnable call) {
        guard(() -> {
            call.run();
            return null;
        });
    }
}
