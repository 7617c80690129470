package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.PendingAnswers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link PendingAnswers} does. */
public interface PendingAnswersContract {

    PendingAnswers pending();

    Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    default void overdueMessagesAreClaimedOnceUntilTheLeaseEnds() {
        pending().add(new MessageId("p-1"), "{\"n\":1}", T0.plusSeconds(30));
        pending().add(new MessageId("p-2"), "{\"n\":2}", T0.plusSeconds(90));
        pending().add(new MessageId("p-3"), "{\"n\":3}", T0.plusSeconds(30));
        pending().remove(new MessageId("p-3")); // answered in time

        assertThat(pending().claimDue(T0.plusSeconds(10), 10, T0.plusSeconds(100))).isEmpty();
        assertThat(pending().claimDue(T0.plusSeconds(31), 10, T0.plusSeconds(100))).containsExactly("{\"n\":1}");
        // leased: another node does not take it again before the lease ends
        assertThat(pending().claimDue(T0.plusSeconds(91), 10, T0.plusSeconds(200))).containsExactly("{\"n\":2}");
        assertThat(pending().claimDue(T0.plusSeconds(101), 10, T0.plusSeconds(200))).containsExactly("{\"n\":1}");
        pending().remove(new MessageId("p-1"));
        pending().remove(new MessageId("p-2"));
        assertThat(pending().claimDue(T0.plusSeconds(1000), 10, T0.plusSeconds(2000))).isEmpty();
    }

    @Test
    default void claimsAreBounded() {
        for (int i = 0; i < 5; i++) {
            pending().add(new MessageId("q-" + i), "m" + i, T0);
        }
        assertThat(pending().claimDue(T0, 3, T0.plusSeconds(60))).hasSize(3);
        assertThat(pending().claimDue(T0, 3, T0.plusSeconds(60))).hasSize(2);
    }
}
