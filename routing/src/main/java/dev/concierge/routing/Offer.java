package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;
import java.time.Instant;
import java.util.Objects;

/** A conversation offered to one agent until {@code expiresAt}; the agent accepts or declines. */
public record Offer(ConversationId conversationId, AgentId agent, HandoffTicket ticket, Instant offeredAt,
        Instant expiresAt) {
    public Offer {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
