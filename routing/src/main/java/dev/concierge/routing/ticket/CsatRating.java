package dev.concierge.routing.ticket;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * The customer's answer to "how satisfied were you?" (1-5), asked on their channel when the conversation closes.
 *
 * @param agent the agent who handled it, or null
 */
public record CsatRating(ConversationId conversationId, AgentId agent, Channel channel, int score, Instant at) {
    public CsatRating {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("CSAT score must be 1..5, was " + score);
        }
    }
}
