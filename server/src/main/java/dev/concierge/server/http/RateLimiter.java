package dev.concierge.server.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an IP address, a customer id), kept on this node: checks never leave the event loop.
 * With N nodes behind a balancer the effective limit is up to N times the configured one, which is what an
 * edge limit is for; exact global quotas are not the goal. Idle buckets are evicted.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private final double ratePerSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, double burst, Clock clock) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** @return 0 when the request may proceed, else the seconds to wait before retrying (at least 1) */
    public long acquire(String key) {
        long now = clock.millis();
        if (buckets.size() > MAX_KEYS) {
            evictIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, ratePerSecond, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerSecond));
        }
    }

    private void evictIdle(long now) {
        long idleMillis = (long) (burst / ratePerSecond * 1000) + 1000;
        buckets.entrySet().removeIf(e -> now - e.getValue().updatedAt > idleMillis);
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now, double rate, double burst) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) / 1000.0 * rate);
                updatedAt = now;
            }
        }
    }
}
