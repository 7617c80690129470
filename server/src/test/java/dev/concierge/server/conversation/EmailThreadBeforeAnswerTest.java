package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.channel.email.EmailInbound;
import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.channel.email.InMemoryEmailThreadStore;
import dev.concierge.channel.email.ParsedEmail;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.memory.InMemoryAttachmentStore;
import dev.concierge.core.memory.InMemoryPendingAnswers;
import dev.concierge.server.channels.ChannelInbound;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An email's thread (its Message-ID, its subject) is recorded before the bot can answer it, so that the answer is
 * threaded to it: recorded after the message was filed, a quick answer went out with no In-Reply-To and a generic
 * subject. The thread store here is slow (think: Redis latency) and the bot quick.
 */
class EmailThreadBeforeAnswerTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    private final ServiceFixture f = new ServiceFixture(clock);
    private final KeyedExecutor executor = new KeyedExecutor(1, "test");
    private final CountDownLatch answered = new CountDownLatch(1);
    private final SlowThreadStore threads = new SlowThreadStore(new InMemoryEmailThreadStore(), answered);
    private final AtomicReference<List<String>> referencesSeen = new AtomicReference<>();
    private final AtomicReference<Optional<String>> subjectSeen = new AtomicReference<>();
    private final ChannelInbound inbound = new ChannelInbound(f.service(turn -> {
        // what EmailOutputChannel reads when it sends this answer
        referencesSeen.set(threads.references(turn.conversationId()));
        subjectSeen.set(threads.subject(turn.conversationId()));
        answered.countDown();
        return new BotDecision.Answer("greeting", 0.9, "en", "Hello!", List.of(), null);
    }), f.customers, new InMemoryAttachmentStore(), executor, new InMemoryPendingAnswers(), clock);

    @AfterEach
    void stop() {
        executor.close();
    }

    @Test
    void aNewConversationsAnswerSeesTheSendersMessageIdAndSubject() throws Exception {
        // In-Reply-To names another customer's thread: not taken, the mail opens a conversation of its own
        threads.link(new ConversationId("c-someone-else"), "alice-1@customer.example");
        ParsedEmail mail = new ParsedEmail("bob@customer.example", "Bob", List.of("support@shop.example"),
                "Refund for my jacket", "bob-1@customer.example", "alice-1@customer.example", List.of(),
                "I would like a refund for my jacket.", "", List.of(), false, "fp-1");

        new EmailInbound(threads, new InMemoryIdempotencyStore(clock), inbound, clock).accept(mail);

        assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(referencesSeen.get()).containsExactly("bob-1@customer.example");
        assertThat(subjectSeen.get()).contains("Refund for my jacket");
    }

    /** Delegates; {@code link} waits (up to a second) for the bot's answer, as a slow store would let it pass. */
    private static final class SlowThreadStore implements EmailThreadStore {
        private final EmailThreadStore store;
        private final CountDownLatch answered;

        SlowThreadStore(EmailThreadStore store, CountDownLatch answered) {
            this.store = store;
            this.answered = answered;
        }

        @Override
        public void link(ConversationId conversation, String messageId) {
            if (!conversation.value().equals("c-someone-else")) {
                try {
                    answered.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            store.link(conversation, messageId);
        }

        @Override
        public void forget(ConversationId conversation) {
            store.forget(conversation);
        }

        @Override
        public Optional<ConversationId> conversationOf(String messageId) {
            return store.conversationOf(messageId);
        }

        @Override
        public List<String> references(ConversationId conversation) {
            return store.references(conversation);
        }

        @Override
        public String replyToken(ConversationId conversation) {
            return store.replyToken(conversation);
        }

        @Override
        public Optional<ConversationId> conversationOfToken(String token) {
            return store.conversationOfToken(token);
        }

        @Override
        public void rememberSubject(ConversationId conversation, String subject) {
            store.rememberSubject(conversation, subject);
        }

        @Override
        public Optional<String> subject(ConversationId conversation) {
            return store.subject(conversation);
        }
    }
}
