package dev.concierge.routing.ticket;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import java.util.List;
import java.util.Optional;

/** Follow-up tickets of unresolved conversations. Thread-safe. */
public interface TicketStore {

    /** Stores a new ticket; fails if the id exists. */
    void create(Ticket ticket);

    Optional<Ticket> find(TicketId id);

    /** The most recent ticket of a conversation. */
    Optional<Ticket> findByConversation(ConversationId conversation);

    /**
     * Moves the ticket to a new status (and optionally a new owner), appending to its history atomically.
     *
     * @throws java.util.NoSuchElementException if there is no such ticket
     */
    Ticket update(TicketId id, TicketStatus status, AgentId newOwner, String note, java.time.Instant at);

    /** Open and in-progress tickets, earliest due first. */
    List<Ticket> open();

    /** Open tickets of one owner, earliest due first. */
    default List<Ticket> openOwnedBy(AgentId owner) {
        return open().stream().filter(t -> owner.equals(t.owner())).toList();
    }
}
