package dev.concierge.redis.customer;

import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Customer locks shared by every node through Redis: {@code SET key token NX PX lease} to take, a compare-and-delete
 * script to give back (only the holder's token deletes it). A node that dies holding a lock loses it when the lease
 * runs out, so the customer's next message waits at most one lease. Work must finish well within the lease (a bot
 * turn takes milliseconds; its slowest part, an order-API call, has its own shorter timeout).
 */
public final class RedisCustomerLocks implements CustomerLocks {
    private static final RedisScript RELEASE = new RedisScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Duration lease;
    private final Duration maxWait;

    public RedisCustomerLocks(UnifiedJedis redis, RedisKeys keys) {
        this(redis, keys, Duration.ofSeconds(15), Duration.ofSeconds(10));
    }

    public RedisCustomerLocks(UnifiedJedis redis, RedisKeys keys, Duration lease, Duration maxWait) {
        this.redis = redis;
        this.keys = keys;
        this.lease = lease;
        this.maxWait = maxWait;
    }

    @Override
    public <T> T withLock(CustomerId customer, Supplier<T> work) {
        String key = keys.customerLock(customer);
        String token = UUID.randomUUID().toString();
        acquire(key, token);
        try {
            return work.get();
        } finally {
            RedisFailures.guardRun(() -> RELEASE.run(redis, List.of(key), List.of(token)));
        }
    }

    private void acquire(String key, String token) {
        SetParams params = SetParams.setParams().nx().px(lease.toMillis());
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pauseMicros = 200;
        while (true) {
            String ok = RedisFailures.guard(() -> redis.set(key, token, params));
            if ("OK".equals(ok)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("customer busy: lock " + key + " not free after "
                        + maxWait.toMillis() + " ms", null);
            }
            LockSupport.parkNanos(pauseMicros * 1000);
            pauseMicros = Math.min(pauseMicros * 2, 20_000);
        }
    }
}
