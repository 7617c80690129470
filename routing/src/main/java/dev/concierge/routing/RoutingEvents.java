package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;

/**
 * What routing tells the outside world. The server delivers these to agents' connections (on whichever node
 * holds them). Implementations must not block.
 */
public interface RoutingEvents {

    /** An agent should see an offer now. */
    void offered(Offer offer);

    /** An offer is no longer valid (timed out, taken elsewhere, agent went offline). */
    void offerWithdrawn(AgentId agent, ConversationId conversation, String reason);

    /** An agent now holds the conversation. */
    void assigned(AgentId agent, ConversationId conversation);
}
