package dev.concierge.routing;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What routing needs to place a handed-off conversation: who may take it (skills, language, channel) and how
 * urgent it is. Built by the bot engine's handoff decision from the context card.
 *
 * @param priority  0 = normal; higher is more urgent (account security, serious complaints, VIP, anger)
 * @param skills    required categories, e.g. "logistics", "refunds", "account_security"; empty = anyone
 * @param reason    why the bot handed off ("human_request", "complaint", ...)
 */
public record HandoffTicket(ConversationId conversationId, CustomerId customerId, Channel channel, String language,
        Set<String> skills, int priority, String reason, Instant requestedAt) {

    public HandoffTicket {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(requestedAt, "requestedAt");
        language = language == null || language.isBlank() ? "zh" : language;
        skills = Set.copyOf(skills);
        reason = reason == null ? "" : reason;
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be >= 0");
        }
    }
}
