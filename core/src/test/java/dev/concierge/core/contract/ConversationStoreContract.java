package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.conversation.IllegalTransitionException;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.SenderRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link ConversationStore} implementation passes these tests (in-memory and Redis). */
public interface ConversationStoreContract {

    /** A fresh, empty store for each test. */
    ConversationStore store();

    Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    default Conversation newConversation(String customer) {
        return Conversation.open(ConversationId.random(), new CustomerId(customer), Channel.WEB_CHAT, "zh", T0);
    }

    @Test
    default void createsAndFindsAConversationWithAllFields() {
        Conversation c = newConversation("u-1").withAttribute("priority", "5", T0);
        store().create(c);
        assertThat(store().find(c.id())).contains(c);
        assertThat(store().find(ConversationId.random())).isEmpty();
    }

    @Test
    default void refusesToCreateTheSameIdTwice() {
        Conversation c = newConversation("u-1");
        store().create(c);
        assertThatThrownBy(() -> store().create(c)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void updatesThroughTheLifeCycleKeepingWhoAndWhen() {
        Conversation c = newConversation("u-2");
        store().create(c);
        store().update(c.id(), x -> x.transition(ConversationStatus.QUEUED, "bot", null, "human requested",
                T0.plusSeconds(1)));
        Conversation assigned = store().update(c.id(), x -> x.transition(ConversationStatus.ASSIGNED, "agent-1",
                "agent-1", "accepted", T0.plusSeconds(2)));
        assertThat(assigned.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(assigned.assignedAgent()).isEqualTo("agent-1");
        assertThat(assigned.owner()).isEqualTo("agent-1");
        assertThat(assigned.version()).isEqualTo(2);
        Conversation stored = store().find(c.id()).orElseThrow();
        assertThat(stored).isEqualTo(assigned);
        assertThat(stored.history()).extracting(h -> h.status())
                .containsExactly(ConversationStatus.BOT, ConversationStatus.QUEUED, ConversationStatus.ASSIGNED);
        assertThat(stored.history().get(2).actor()).isEqualTo("agent-1");
        assertThat(stored.history().get(2).at()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    default void aFailedUpdateWritesNothing() {
        Conversation c = newConversation("u-3");
        store().create(c);
        assertThatThrownBy(() -> store().update(c.id(), x -> x.transition(ConversationStatus.ASSIGNED, "a", "a", "",
                T0))).isInstanceOf(IllegalTransitionException.class);
        assertThat(store().find(c.id())).contains(c);
        assertThatThrownBy(() -> store().update(ConversationId.random(), x -> x))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    default void concurrentUpdatesAreNotLost() throws Exception {
        Conversation c = newConversation("u-4");
        store().create(c);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        store().update(c.id(), x -> {
                            int count = Integer.parseInt(x.attribute("count").orElse("0"));
                            return x.withAttribute("count", Integer.toString(count + 1), T0)
                                    .withAttribute("w" + worker, "1", T0);
                        });
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().find(c.id()).orElseThrow().attribute("count")).contains("100");
    }

    @Test
    default void findsTheCustomersOpenConversationAndHistory() {
        Conversation first = newConversation("u-5");
        store().create(first);
        store().update(first.id(), x -> x.transition(ConversationStatus.CLOSED, "bot", null, "done", T0));
        Conversation second = Conversation.open(ConversationId.random(), new CustomerId("u-5"), Channel.SMS, "en",
                T0.plusSeconds(60));
        store().create(second);
        store().create(newConversation("u-6"));
        assertThat(store().findOpenByCustomer(new CustomerId("u-5")).map(Conversation::id)).contains(second.id());
        assertThat(store().listByCustomer(new CustomerId("u-5"))).containsExactly(first.id(), second.id());
        assertThat(store().findOpenByCustomer(new CustomerId("nobody"))).isEmpty();
        assertThat(store().listByStatus(ConversationStatus.CLOSED)).contains(first.id()).doesNotContain(second.id());
        assertThat(store().listByStatus(ConversationStatus.BOT)).contains(second.id()).doesNotContain(first.id());
    }

    @Test
    default void followsTheOpenConversationThroughClosingAndReopening() {
        CustomerId customer = new CustomerId("u-10");
        Conversation old = newConversation("u-10");
        store().create(old);
        for (int i = 0; i < 3; i++) { // closed ones before: a returning customer's history
            Conversation c = Conversation.open(ConversationId.random(), customer, Channel.WEB_CHAT, "zh", T0.plusSeconds(i));
            store().create(c);
            store().update(c.id(), x -> x.transition(ConversationStatus.CLOSED, "bot", null, "done", T0));
        }
        assertThat(store().findOpenByCustomer(customer).map(Conversation::id)).contains(old.id());
        store().update(old.id(), x -> x.transition(ConversationStatus.CLOSED, "bot", null, "done", T0.plusSeconds(5)));
        assertThat(store().findOpenByCustomer(customer)).isEmpty();
        store().update(old.id(), x -> x.transition(ConversationStatus.BOT, "bot", null, "reopened", T0.plusSeconds(6)));
        assertThat(store().findOpenByCustomer(customer).map(Conversation::id)).contains(old.id());
        store().update(old.id(), x -> x.withLocale("en", T0.plusSeconds(7)));
        assertThat(store().findOpenByCustomer(customer).map(Conversation::locale)).contains("en");
        store().delete(old.id());
        assertThat(store().findOpenByCustomer(customer)).isEmpty();
    }

    @Test
    default void appendsTranscriptInOrderAndIgnoresDuplicates() {
        Conversation c = newConversation("u-7");
        store().create(c);
        Message hello = Message.inbound(c.id(), Channel.WEB_CHAT, "u-7", "你好，我的订单到哪了？", List.of(), T0);
        Message photo = Message.inbound(c.id(), Channel.WEB_CHAT, "u-7", "",
                List.of(new Attachment("defect.jpg", "image/jpeg", 1234, "att-1")), T0.plusSeconds(1));
        Message reply = Message.outbound(c.id(), Channel.WEB_CHAT, SenderRole.BOT, "bot", "Your order shipped.",
                T0.plusSeconds(2)).withMetadata(Map.of("intent", "order_status"));
        assertThat(store().append(hello)).isTrue();
        assertThat(store().append(photo)).isTrue();
        assertThat(store().append(reply)).isTrue();
        assertThat(store().append(hello)).isFalse();
        assertThat(store().transcript(c.id())).containsExactly(hello, photo, reply);
        assertThat(store().contains(c.id(), hello.id())).isTrue();
        assertThat(store().transcript(ConversationId.random())).isEmpty();
        assertThat(store().recent(c.id(), 2)).containsExactly(photo, reply);
        assertThat(store().recent(c.id(), 10)).containsExactly(hello, photo, reply);
        assertThat(store().recent(c.id(), 0)).isEmpty();
        assertThat(store().recent(ConversationId.random(), 5)).isEmpty();
    }

    @Test
    default void appendingToAnUnknownConversationFails() {
        Message m = Message.inbound(ConversationId.random(), Channel.SMS, "u-8", "hi", List.of(), T0);
        assertThatThrownBy(() -> store().append(m)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    default void deletesConversationAndTranscript() {
        Conversation c = newConversation("u-9");
        store().create(c);
        store().append(Message.inbound(c.id(), Channel.WEB_CHAT, "u-9", "hi", List.of(), T0));
        assertThat(store().delete(c.id())).isTrue();
        assertThat(store().find(c.id())).isEmpty();
        assertThat(store().transcript(c.id())).isEmpty();
        assertThat(store().listByCustomer(new CustomerId("u-9"))).isEmpty();
        assertThat(store().findOpenByCustomer(new CustomerId("u-9"))).isEmpty();
        assertThat(store().delete(c.id())).isFalse();
    }
}
