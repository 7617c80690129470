package dev.concierge.routing.ticket;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/** The embedded default. */
public final class InMemoryTicketStore implements TicketStore {
    private final Map<TicketId, Ticket> tickets = new LinkedHashMap<>();
    private final Map<ConversationId, TicketId> byConversation = new HashMap<>();

    @Override
    public synchronized void create(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        if (tickets.putIfAbsent(ticket.id(), ticket) != null) {
            throw new IllegalStateException("ticket exists: " + ticket.id());
        }
        byConversation.put(ticket.conversationId(), ticket.id());
    }

    @Override
    public synchronized Optional<Ticket> find(TicketId id) {
        return Optional.ofNullable(tickets.get(id));
    }

    @Override
    public synchronized Optional<Ticket> findByConversation(ConversationId conversation) {
        return Optional.ofNullable(byConversation.get(conversation)).map(tickets::get);
    }

    @Override
    public synchronized Ticket update(TicketId id, TicketStatus status, AgentId newOwner, String note, Instant at) {
        Ticket old = tickets.get(id);
        if (old == null) {
            throw new NoSuchElementException("no ticket " + id);
        }
        Ticket updated = old.moved(status, newOwner, note, at);
        tickets.put(id, updated);
        return updated;
    }

    @Override
    public synchronized List<Ticket> open() {
        return tickets.values().stream().filter(t -> t.status().isOpen())
                .sorted(Comparator.comparing(Ticket::dueAt)).toList();
    }
}
