package dev.concierge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsABurstThenRefillsAtTheRate() {
        TestClock clock = new TestClock();
        RateLimiter limiter = new RateLimiter(2, 3, clock);
        assertThat(limiter.acquire("ip-1")).isZero();
        assertThat(limiter.acquire("ip-1")).isZero();
        assertThat(limiter.acquire("ip-1")).isZero();
        assertThat(limiter.acquire("ip-1")).isEqualTo(1);
        assertThat(limiter.acquire("ip-2")).as("keys are independent").isZero();
        clock.now = clock.now.plus(Duration.ofMillis(500));
        assertThat(limiter.acquire("ip-1")).isZero();
        assertThat(limiter.acquire("ip-1")).isEqualTo(1);
    }

    @Test
    void tellsHowLongToWait() {
        TestClock clock = new TestClock();
        RateLimiter perMinute = new RateLimiter(10.0 / 60, 1, clock);
        assertThat(perMinute.acquire("login")).isZero();
        assertThat(perMinute.acquire("login")).isEqualTo(6);
    }
}
