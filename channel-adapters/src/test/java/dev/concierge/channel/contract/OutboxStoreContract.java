package dev.concierge.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.outbox.OutboxEntry;
import dev.concierge.channel.outbox.OutboxStatus;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link OutboxStore} passes these tests. */
public interface OutboxStoreContract {

    OutboxStore outbox();

    Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    static OutboxEntry entry(Instant due) {
        OutboundMessage m = new OutboundMessage(new ConversationId("c-1"), Identity.phone("+8613800138000"),
                "您好 hello", "短", List.of("是", "否"), List.of(), "");
        return OutboxEntry.pending(Channel.SMS, m, T0, due);
    }

    @Test
    default void addedEntriesRoundTrip() {
        OutboxEntry e = entry(T0);
        outbox().add(e);
        assertThat(outbox().find(e.id())).contains(e);
        assertThat(outbox().pendingCount()).isEqualTo(1);
    }

    @Test
    default void forgettingAConversationDeletesItsEntriesPendingOrNot() {
        OutboxEntry pending = entry(T0);
        OutboxEntry sent = entry(T0);
        OutboxEntry other = OutboxEntry.pending(Channel.EMAIL, new OutboundMessage(new ConversationId("c-2"),
                Identity.email("x@example.com"), "hi", "", List.of(), List.of(), "s"), T0, T0);
        outbox().add(pending);
        outbox().add(sent);
        outbox().add(other);
        outbox().update(sent.finished(OutboxStatus.SENT, 1, "SM1", ""));

        assertThat(outbox().forgetConversation(new ConversationId("c-1"))).isEqualTo(2);
        assertThat(outbox().find(pending.id())).isEmpty();
        assertThat(outbox().find(sent.id())).isEmpty();
        assertThat(outbox().claimDue(T0.plusSeconds(1), 10, T0.plusSeconds(60))).extracting(OutboxEntry::id)
                .containsExactly(other.id());
        assertThat(outbox().forgetConversation(new ConversationId("c-1"))).isZero();
    }

    @Test
    default void onlyDueEntriesAreClaimedAndTheClaimIsALease() {
        OutboxEntry due = entry(T0);
        OutboxEntry later = entry(T0.plusSeconds(60));
        outbox().add(due);
        outbox().add(later);
        Instant lease = T0.plusSeconds(120);
        List<OutboxEntry> claimed = outbox().claimDue(T0.plusSeconds(1), 10, lease);
        assertThat(claimed).extracting(OutboxEntry::id).containsExactly(due.id());
        assertThat(claimed.get(0).nextAttemptAt()).isEqualTo(lease);
        // leased: not due again until the lease ends, even though 'later' now is
        assertThat(outbox().claimDue(T0.plusSeconds(61), 10, lease.plusSeconds(60)))
                .extracting(OutboxEntry::id).containsExactly(later.id());
        assertThat(outbox().claimDue(lease, 10, lease.plusSeconds(60))).extracting(OutboxEntry::id)
                .containsExactly(due.id());
    }

    @Test
    default void finishedEntriesAreNeverClaimed() {
        OutboxEntry e = entry(T0);
        outbox().add(e);
        outbox().update(e.finished(OutboxStatus.SENT, 1, "SM123", ""));
        assertThat(outbox().claimDue(T0.plusSeconds(600), 10, T0.plusSeconds(700))).isEmpty();
        assertThat(outbox().pendingCount()).isZero();
        assertThat(outbox().find(e.id()).orElseThrow().providerMessageId()).isEqualTo("SM123");
    }

    @Test
    default void rescheduledEntriesComeBackWhenDue() {
        OutboxEntry e = entry(T0);
        outbox().add(e);
        outbox().update(e.attempted(2, T0.plusSeconds(30), "503"));
        assertThat(outbox().claimDue(T0.plusSeconds(29), 10, T0.plusSeconds(90))).isEmpty();
        List<OutboxEntry> claimed = outbox().claimDue(T0.plusSeconds(30), 10, T0.plusSeconds(90));
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).attempts()).isEqualTo(2);
        assertThat(claimed.get(0).lastError()).isEqualTo("503");
    }

    @Test
    default void claimRespectsTheLimit() {
        for (int i = 0; i < 5; i++) {
            outbox().add(entry(T0.plusMillis(i)));
        }
        assertThat(outbox().claimDue(T0.plusSeconds(1), 3, T0.plusSeconds(60))).hasSize(3);
        assertThat(outbox().claimDue(T0.plusSeconds(1), 3, T0.plusSeconds(60))).hasSize(2);
    }

    @Test
    default void concurrentDrainersNeverClaimTheSameEntry() throws Exception {
        for (int i = 0; i < 20; i++) {
            outbox().add(entry(T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<OutboxEntry>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> outbox().claimDue(T0.plusSeconds(1), 5, T0.plus(Duration.ofMinutes(2)))));
            }
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<List<OutboxEntry>> f : results) {
                for (OutboxEntry e : f.get()) {
                    seen.add(e.id());
                    total++;
                }
            }
            assertThat(total).isEqualTo(20);
            assertThat(seen).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void deliveryReceiptsAreRecorded() {
        assertThat(outbox().deliveryStatus("SM9")).isEmpty();
        outbox().recordDeliveryStatus("SM9", "sent");
        outbox().recordDeliveryStatus("SM9", "delivered");
        assertThat(outbox().deliveryStatus("SM9")).contains("delivered");
    }
}
