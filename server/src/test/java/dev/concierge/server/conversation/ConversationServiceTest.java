package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.SenderRole;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer message is answered exactly once, even when it is retried after its node died mid-turn. */
class ConversationServiceTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final ServiceFixture fixture = new ServiceFixture(clock);
    private final InMemoryConversationStore conversations = fixture.conversations;
    private final List<Message> delivered = fixture.delivered;
    private final AtomicInteger decisions = new AtomicInteger();
    private ConversationService service;
    private CustomerId customer;

    @BeforeEach
    void setUp() {
        BotEngine bot = turn -> {
            decisions.incrementAndGet();
            return new BotDecision.Answer("refund_policy", 0.93, "en", "Refunds reach you in 1-3 working days.",
                    List.of(), "faq-refund-time");
        };
        service = fixture.service(bot);
        customer = fixture.customers.findOrCreate(Identity.appUser("u-exactly-once"), clock.instant()).id();
    }

    private Inbound message(String clientId) {
        return new Inbound(customer, Channel.WEB_CHAT, "how long does a refund take?", List.of(), "en",
                new MessageId(customer.value() + ":" + clientId), Map.of());
    }

    private List<Message> botReplies() {
        String conversation = conversations.findOpenByCustomer(customer).orElseThrow().id().value();
        return conversations.transcript(new dev.concierge.core.conversation.ConversationId(conversation)).stream()
                .filter(m -> m.senderRole() == SenderRole.BOT).toList();
    }

    @Test
    void aRetryOfAnAnsweredMessageIsNeitherStoredNorAnsweredAgain() {
        service.receive(message("c-1"));
        InboundOutcome retry = service.receive(message("c-1"));

        assertThat(retry.duplicate()).isTrue();
        // The stored answer comes back for the client to show (its first copy may have been lost), not re-sent.
        assertThat(retry.replies()).extracting(Message::text).containsExactly("Refunds reach you in 1-3 working days.");
        assertThat(decisions.get()).isEqualTo(1);
        assertThat(botReplies()).hasSize(1);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aMessageFiledByANodeThatDiedBeforeAnsweringIsAnsweredOnceOnRetry() {
        // The first node stored the message and acknowledged it, then was killed before the bot's turn.
        ConversationService.Stored filed = service.store(message("c-2"));
        assertThat(filed.duplicate()).isFalse();
        assertThat(botReplies()).isEmpty();

        // The shopper reconnects elsewhere and resends with the same id: it is answered now...
        InboundOutcome retried = service.receive(message("c-2"));
        assertThat(retried.replies()).hasSize(1);
        assertThat(botReplies()).hasSize(1);
        assertThat(botReplies().get(0).id()).isEqualTo(ConversationService.replyId(filed.message().id()));
        assertThat(botReplies().get(0).metadata()).containsEntry("inReplyTo", filed.message().id().value());

        // ...and only once, however often it is resent.
        service.receive(message("c-2"));
        assertThat(botReplies()).hasSize(1);
        assertThat(decisions.get()).isEqualTo(1);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void twoNodesAnsweringTheSameMessageStoreAndSendOneReply() {
        ConversationService.Stored filed = service.store(message("c-3"));
        // Both halves run twice (the dead node's turn replayed by the survivor while a late first turn lands):
        // the reply's id is fixed, so the second one is recognised and not sent.
        service.respond(filed);
        InboundOutcome second = service.respond(filed);
        assertThat(second.decision()).isEmpty();
        assertThat(botReplies()).hasSize(1);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void longMessageIdsGetAHashedReplyIdThatStillFits() {
        MessageId longId = new MessageId("c".repeat(128));
        assertThat(ConversationService.replyId(longId).value()).hasSizeLessThanOrEqualTo(128).startsWith("re:");
        assertThat(ConversationService.replyId(longId)).isEqualTo(ConversationService.replyId(longId));
    }
}
