package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.ticket.Ticket;

/**
 * What routing tells the outside world. The server delivers these to agents' connections (on whichever node
 * holds them). Implementations must not block. Events are raised on the node that made the change (or fired the
 * timer); in a cluster the server forwards them to the node holding the agent's connection.
 */
public interface RoutingEvents {

    /** An agent should see an offer now. */
    void offered(Offer offer);

    /** An offer is no longer valid (timed out, taken elsewhere, agent went offline). */
    void offerWithdrawn(AgentId agent, ConversationId conversation, String reason);

    /** An agent now holds the conversation. */
    void assigned(AgentId agent, ConversationId conversation);

    /** An agent lost an assigned conversation: transferred, escalated, or re-queued because they went offline. */
    default void unassigned(AgentId agent, ConversationId conversation, String reason) {
    }

    /** A service-level promise was broken: supervisors should look (the breach is also listed by the router). */
    default void slaBreached(SlaBreach breach) {
    }

    /** A conversation was escalated to supervisors, by an agent or because of an SLA breach. */
    default void escalated(ConversationId conversation, String note) {
    }

    /** An unresolved conversation became a follow-up ticket. */
    default void ticketOpened(Ticket ticket) {
    }
}
