package dev.concierge.channel.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.contract.IdempotencyStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest implements IdempotencyStoreContract {
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Clock.systemUTC());

    @Override
    public IdempotencyStore idempotency() {
        return store;
    }

    @Test
    void claimsExpire() {
        Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
        MovableClock clock = new MovableClock(t0);
        var s = new InMemoryIdempotencyStore(clock);
        assertThat(s.claim("sms", "a", Duration.ofMinutes(1))).isTrue();
        clock.now = t0.plusSeconds(59);
        assertThat(s.claim("sms", "a", Duration.ofMinutes(1))).isFalse();
        clock.now = t0.plusSeconds(61);
        assertThat(s.claim("sms", "a", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void expiredClaimsAreDroppedAndReleasedKeysCanBeClaimedAgain() {
        Instant t0 = Instant.parse("2026-11-22T08:00:00Z");
        MovableClock clock = new MovableClock(t0);
        var s = new InMemoryIdempotencyStore(clock);
        for (int i = 0; i < 5000; i++) {
            assertThat(s.claim("email", "m" + i, Duration.ofMinutes(10))).isTrue();
        }
        assertThat(s.claim("sms", "long", Duration.ofHours(1))).isTrue();
        s.release("email", "m0");
        assertThat(s.claim("email", "m0", Duration.ofHours(2))).isTrue();
        clock.now = t0.plus(Duration.ofMinutes(11));
        assertThat(s.claim("sms", "x", Duration.ofMinutes(1))).isTrue();
        // The 4,999 ten-minute claims have gone; the hour-long one, the re-claimed m0 and the new one remain.
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.claim("email", "m0", Duration.ofMinutes(1))).isFalse();
        assertThat(s.claim("email", "m1", Duration.ofMinutes(1))).isTrue();
    }

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

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
}
