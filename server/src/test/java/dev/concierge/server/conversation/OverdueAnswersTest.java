package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.channel.InboundMessage;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryAttachmentStore;
import dev.concierge.core.memory.InMemoryPendingAnswers;
import dev.concierge.core.message.SenderRole;
import dev.concierge.routing.contract.MutableClock;
import dev.concierge.server.channels.ChannelInbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An SMS acknowledged to the provider whose answer never came (the node died, or the answer failed) is answered
 * later by whichever node finds it overdue, once; the provider will not send it again.
 */
class OverdueAnswersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T03:00:00Z"));
    private final ServiceFixture f = new ServiceFixture(clock);
    private final KeyedExecutor executor = new KeyedExecutor(1, "test");
    private final AtomicInteger turns = new AtomicInteger();
    private final InMemoryPendingAnswers pending = new InMemoryPendingAnswers();
    private final ChannelInbound inbound = new ChannelInbound(f.service(turn -> {
        if (turns.incrementAndGet() == 1) {
            throw new IllegalStateException("the node died here"); // the first answer never happens
        }
        return new BotDecision.Answer("greeting", 0.9, "en", "Hello!", List.of(), null);
    }), f.customers, new InMemoryAttachmentStore(), executor, pending, clock);

    @AfterEach
    void stop() {
        executor.close();
    }

    private long answers() {
        return f.delivered.stream().filter(m -> m.senderRole() == SenderRole.BOT).count();
    }

    @Test
    void anAcknowledgedMessageWithoutAnAnswerIsAnsweredOnceWhenOverdue() throws Exception {
        inbound.onMessage(new InboundMessage(Channel.SMS, Identity.phone("+8613800138000"), "hello", List.of(),
                "SM-1", null, "", Map.of(), clock.instant()));
        Thread.sleep(200); // the failed answer
        assertThat(answers()).isZero();
        assertThat(inbound.answerOverdue()).isZero(); // not overdue yet

        clock.advance(Duration.ofSeconds(31));
        assertThat(inbound.answerOverdue()).isEqualTo(1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (answers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(answers()).isEqualTo(1);

        // answered: nothing left to take on, even after the lease
        clock.advance(Duration.ofMinutes(5));
        Thread.sleep(100);
        assertThat(inbound.answerOverdue()).isZero();
        assertThat(answers()).isEqualTo(1);
    }
}
