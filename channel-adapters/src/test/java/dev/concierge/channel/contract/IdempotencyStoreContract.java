package dev.concierge.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.dedupe.IdempotencyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link IdempotencyStore} passes these tests. */
public interface IdempotencyStoreContract {

    IdempotencyStore idempotency();

    @Test
    default void firstClaimWinsAndLaterClaimsLose() {
        assertThat(idempotency().claim("sms", "SM1", Duration.ofMinutes(5))).isTrue();
        assertThat(idempotency().claim("sms", "SM1", Duration.ofMinutes(5))).isFalse();
    }

    @Test
    default void scopesAreSeparate() {
        assertThat(idempotency().claim("sms", "X", Duration.ofMinutes(5))).isTrue();
        assertThat(idempotency().claim("email", "X", Duration.ofMinutes(5))).isTrue();
    }

    @Test
    default void releasedKeysCanBeClaimedAgain() {
        assertThat(idempotency().claim("sms", "SM2", Duration.ofMinutes(5))).isTrue();
        idempotency().release("sms", "SM2");
        assertThat(idempotency().claim("sms", "SM2", Duration.ofMinutes(5))).isTrue();
    }

    @Test
    default void aKeptClaimOutlivesItsLease() throws Exception {
        assertThat(idempotency().claim("sms", "SM-kept", Duration.ofMillis(200))).isTrue();
        idempotency().keep("sms", "SM-kept", Duration.ofMinutes(5));
        Thread.sleep(400);
        assertThat(idempotency().claim("sms", "SM-kept", Duration.ofMinutes(5))).isFalse();
    }

    @Test
    default void oddKeysAreFine() {
        String messageId = "CAF=abc+def/ghi@mail.example.com <weird> key with spaces " + "x".repeat(400);
        assertThat(idempotency().claim("email", messageId, Duration.ofMinutes(5))).isTrue();
        assertThat(idempotency().claim("email", messageId, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    default void concurrentClaimsHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> idempotency().claim("sms", "SM-race", Duration.ofMinutes(5))));
            }
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
