package dev.concierge.routing.ticket;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ComplaintSeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An issue left unresolved when its conversation closed: it keeps an owner (the first-contact owner) and a due date
 * until resolved.
 *
 * @param owner the responsible agent, or null when nobody took the conversation
 */
public record Ticket(TicketId id, ConversationId conversationId, CustomerId customerId, AgentId owner,
        ComplaintSeverity complaint, Instant createdAt, Instant dueAt, TicketStatus status,
        List<TicketEvent> history) {

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customerId, "customerId");
        complaint = complaint == null ? ComplaintSeverity.NONE : complaint;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        history = List.copyOf(history);
    }

    public Optional<AgentId> ownerIfAny() {
        return Optional.ofNullable(owner);
    }

    public boolean overdueAt(Instant now) {
        return status.isOpen() && now.isAfter(dueAt);
    }

    /** A copy with the new status and a history line; a null owner keeps the current one. */
    public Ticket moved(TicketStatus to, AgentId newOwner, String note, Instant at) {
        List<TicketEvent> h = new ArrayList<>(history);
        h.add(new TicketEvent(at, to, note));
        return new Ticket(id, conversationId, customerId, newOwner == null ? owner : newOwner, complaint, createdAt,
                dueAt, to, h);
    }
}
