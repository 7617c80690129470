package dev.concierge.redis.customer;

import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Customer locks shared by every node through Redis: {@code SET key token NX PX lease} to take, a compare-and-delete
 * script to give back (only the holder's token deletes it). The lease is short (2 s) so that a node that dies
 * holding a lock holds up that customer for at most that long; while the holder lives, a watchdog extends the
 * leases of locks held longer than a third of the lease (compare-and-PEXPIRE), so slow work keeps its lock. Should
 * a lease still run out under a live holder (the holder's Redis connection stalled for a whole lease), a second
 * writer may enter: the fixed ids of messages and bot replies still keep the transcript free of copies.
 */
public final class RedisCustomerLocks implements CustomerLocks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCustomerLocks.class);
    private static final RedisScript RELEASE = new RedisScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
    private static final RedisScript EXTEND = new RedisScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0");

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Duration lease;
    private final Duration maxWait;
    /** Locks held by this node: key to token. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    public RedisCustomerLocks(UnifiedJedis redis, RedisKeys keys) {
        this(redis, keys, Duration.ofSeconds(2), Duration.ofSeconds(8));
    }

    public RedisCustomerLocks(UnifiedJedis redis, RedisKeys keys, Duration lease, Duration maxWait) {
        this.redis = redis;
        this.keys = keys;
        this.lease = lease;
        this.maxWait = maxWait;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concierge-lock-watchdog");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        watchdog.scheduleWithFixedDelay(this::extendHeld, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops extending leases (the locks still held expire on their own). */
    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private void extendHeld() {
        for (Map.Entry<String, String> lock : held.entrySet()) {
            try {
                RedisFailures.guardRun(() -> EXTEND.run(redis, List.of(lock.getKey()),
                        List.of(lock.getValue(), Long.toString(lease.toMillis()))));
            } catch (RuntimeException e) {
                LOG.debug("could not extend {}: {}", lock.getKey(), e.toString());
            }
        }
    }

    @Override
    public <T> T withLock(CustomerId customer, Supplier<T> work) {
        String key = keys.customerLock(customer);
        String token = UUID.randomUUID().toString();
        acquire(key, token);
        held.put(key, token);
        try {
            return work.get();
        } finally {
            held.remove(key, token);
            try {
                RedisFailures.guardRun(() -> RELEASE.run(redis, List.of(key), List.of(token)));
            } catch (StoreUnavailableException e) {
                // The work is done; the lease runs out on its own. Failing here would report done work as failed.
                LOG.warn("could not give back {}: {}; it expires in at most {} ms", key, e.getMessage(),
                        lease.toMillis());
            }
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
