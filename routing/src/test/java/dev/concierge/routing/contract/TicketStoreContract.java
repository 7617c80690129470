package dev.concierge.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ComplaintSeverity;
import dev.concierge.routing.ticket.CsatRating;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.routing.ticket.Ticket;
import dev.concierge.routing.ticket.TicketEvent;
import dev.concierge.routing.ticket.TicketId;
import dev.concierge.routing.ticket.TicketStatus;
import dev.concierge.routing.ticket.TicketStore;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** What every {@link TicketStore} and {@link CsatStore} must do. */
public interface TicketStoreContract {

    TicketStore tickets();

    CsatStore csat();

    Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Ticket ticket(String id, String conversation, String owner, Instant due) {
        return new Ticket(new TicketId(id), new ConversationId(conversation), new CustomerId("u-" + conversation),
                owner == null ? null : new AgentId(owner), ComplaintSeverity.GENERAL, T0, due, TicketStatus.OPEN,
                List.of(new TicketEvent(T0, TicketStatus.OPEN, "opened")));
    }

    @Test
    default void createsFindsAndListsOpenTicketsByDueDate() {
        tickets().create(ticket("t1", "c1", "a1", T0.plusSeconds(300)));
        tickets().create(ticket("t2", "c2", null, T0.plusSeconds(100)));

        assertThat(tickets().find(new TicketId("t1"))).hasValueSatisfying(t -> {
            assertThat(t.owner()).isEqualTo(new AgentId("a1"));
            assertThat(t.history()).hasSize(1);
        });
        assertThat(tickets().findByConversation(new ConversationId("c2"))).hasValueSatisfying(
                t -> assertThat(t.ownerIfAny()).isEmpty());
        assertThat(tickets().open()).extracting(t -> t.id().value()).containsExactly("t2", "t1");
        assertThat(tickets().openOwnedBy(new AgentId("a1"))).hasSize(1);
        assertThatThrownBy(() -> tickets().create(ticket("t1", "c3", "a1", T0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void updatesAppendHistoryAndLeaveTheOpenListWhenResolved() {
        tickets().create(ticket("t1", "c1", "a1", T0.plusSeconds(300)));
        tickets().update(new TicketId("t1"), TicketStatus.IN_PROGRESS, new AgentId("a2"), "taken over",
                T0.plusSeconds(10));
        Ticket done = tickets().update(new TicketId("t1"), TicketStatus.RESOLVED, null, "refunded",
                T0.plusSeconds(20));

        assertThat(done.owner()).isEqualTo(new AgentId("a2"));
        assertThat(done.history()).extracting(TicketEvent::status)
                .containsExactly(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);
        assertThat(tickets().find(new TicketId("t1"))).contains(done);
        assertThat(tickets().open()).isEmpty();
        assertThatThrownBy(() -> tickets().update(new TicketId("nope"), TicketStatus.CLOSED, null, "", T0))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    default void aForgottenRatingIsGone() {
        csat().record(new CsatRating(new ConversationId("c9"), new AgentId("a1"), Channel.SMS, 2, T0));
        csat().record(new CsatRating(new ConversationId("c8"), new AgentId("a1"), Channel.SMS, 4, T0));
        csat().forget(new ConversationId("c9"));
        assertThat(csat().find(new ConversationId("c9"))).isEmpty();
        assertThat(csat().recent(10)).extracting(r -> r.conversationId().value()).containsExactly("c8");
    }

    @Test
    default void recordsOneCsatAnswerPerConversation() {
        csat().record(new CsatRating(new ConversationId("c1"), new AgentId("a1"), Channel.SMS, 2, T0));
        csat().record(new CsatRating(new ConversationId("c1"), new AgentId("a1"), Channel.SMS, 5, T0.plusSeconds(5)));
        csat().record(new CsatRating(new ConversationId("c2"), null, Channel.WEB_CHAT, 4, T0.plusSeconds(1)));

        assertThat(csat().find(new ConversationId("c1"))).hasValueSatisfying(r -> assertThat(r.score()).isEqualTo(5));
        assertThat(csat().recent(10)).extracting(r -> r.conversationId().value()).containsExactly("c1", "c2");
        assertThatThrownBy(() -> new CsatRating(new ConversationId("c3"), null, Channel.SMS, 6, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
