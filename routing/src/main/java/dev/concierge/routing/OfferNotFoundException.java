package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;

/** The agent tried to accept or decline an offer it does not hold (expired, withdrawn, never made). */
public final class OfferNotFoundException extends IllegalStateException {
    public OfferNotFoundException(AgentId agent, ConversationId conversation) {
        super("no open offer of conversation " + conversation + " to agent " + agent);
    }
}
