package dev.concierge.channel.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.CollectingOutputChannel;
import dev.concierge.channel.DeliveryException;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.OutputChannel;
import dev.concierge.channel.SendResult;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private final List<Duration> sleeps = new ArrayList<>();
    private final OutboundMessage reply = new OutboundMessage(new ConversationId("c-1"), Identity.appUser("u-1"),
            "Pick one", "", List.of("Refund", "Exchange"), List.of("https://img.example.com/a.jpg"), "");

    /** Fails with the given retryability the first {@code failures} times. */
    private static OutputChannel failing(int failures, boolean retryable, AtomicInteger calls) {
        return new OutputChannel() {
            @Override
            public Channel channel() {
                return Channel.WEB_CHAT;
            }

            @Override
            public SendResult sendText(OutboundMessage m) throws DeliveryException {
                if (calls.incrementAndGet() <= failures) {
                    throw new DeliveryException("boom", retryable, null);
                }
                return SendResult.sent("id-" + calls.get());
            }
        };
    }

    @Test
    void richMessagesFallBackToTextOnATextOnlyChannel() {
        CollectingOutputChannel out = new CollectingOutputChannel(Channel.WEB_CHAT);
        OutboxDispatcher d = new OutboxDispatcher(List.of(out), outbox, RetryPolicy.defaults(), clock, sleeps::add);
        assertThat(d.submit(Channel.WEB_CHAT, reply).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(out.texts()).containsExactly("Pick one\nhttps://img.example.com/a.jpg\n1. Refund\n2. Exchange");
    }

    @Test
    void givesUpAfterMaxAttemptsAcrossInlineAndDrain() {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(2, 3, Duration.ofSeconds(1), Duration.ofSeconds(60));
        OutboxDispatcher d = new OutboxDispatcher(List.of(failing(10, true, calls)), outbox, policy, clock, sleeps::add);
        OutboxEntry e = d.submit(Channel.WEB_CHAT, reply);
        assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.nextAttemptAt()).isAfter(clock.instant());

        OutboxDispatcher later = new OutboxDispatcher(List.of(failing(10, true, calls)), outbox, policy,
                Clock.offset(clock, Duration.ofMinutes(10)), sleeps::add);
        assertThat(later.drainOnce(10)).isEqualTo(1);
        assertThat(outbox.find(e.id()).orElseThrow().status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(later.drainOnce(10)).isZero();
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void permanentErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        OutboxDispatcher d = new OutboxDispatcher(List.of(failing(1, false, calls)), outbox, RetryPolicy.defaults(),
                clock, sleeps::add);
        assertThat(d.submit(Channel.WEB_CHAT, reply).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        RetryPolicy p = new RetryPolicy(3, 10, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(p.delayBefore(2, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(p.delayBefore(2, () -> 0.999)).isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(p.delayBefore(3, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delayBefore(4, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delayBefore(9, () -> 0.999)).isLessThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(p.delayBefore(40, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
    }
}
