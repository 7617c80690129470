package dev.concierge.channel.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential backoff with full jitter: attempt n (1-based) waits a random time in
 * [initial·2^(n-1)/2, initial·2^(n-1)], capped at {@code maxDelay}.
 *
 * @param inlineAttempts attempts made right away by the sending thread before the outbox drainer takes over
 * @param maxAttempts    attempts in total, inline and by the drainer, before the entry is marked failed
 */
public record RetryPolicy(int inlineAttempts, int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (inlineAttempts < 1 || maxAttempts < inlineAttempts || maxAttempts > 50) {
            throw new IllegalArgumentException("need 1 <= inlineAttempts <= maxAttempts <= 50");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, 8, Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    /** The delay before attempt {@code nextAttempt} (2 = the first retry). {@code random} yields [0, 1). */
    public Duration delayBefore(int nextAttempt, DoubleSupplier random) {
        int exponent = Math.min(Math.max(nextAttempt - 2, 0), 30);
        long ceiling = Math.min(maxDelay.toMillis(), initialDelay.toMillis() * (1L << Math.min(exponent, 20)));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (long) ((ceiling - floor) * random.getAsDouble()));
    }
}
