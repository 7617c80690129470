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
 * @param reason    why the bot handed off ("human_request", "complaint", "account_security", ...)
 * @param complaint complaint severity (NONE when this is not a complaint): priority and resolution deadline
 * @param vip       the customer is a VIP (by tier or order value, decided by the bot engine's rules)
 * @param sentiment -1 (angry) .. 1 (happy); negative sentiment raises priority
 */
public record HandoffTicket(ConversationId conversationId, CustomerId customerId, Channel channel, String language,
        Set<String> skills, int priority, String reason, Instant requestedAt, ComplaintSeverity complaint,
        boolean vip, double sentiment) {

    /** Skill (and reason) that marks an account-security case: always served first. */
    public static final String ACCOUNT_SECURITY = "account_security";

    public HandoffTicket {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(requestedAt, "requestedAt");
        language = language == null || language.isBlank() ? "zh" : language;
        skills = Set.copyOf(skills);
        reason = reason == null ? "" : reason;
        complaint = complaint == null ? ComplaintSeverity.NONE : complaint;
        if (priority < 0) {
            throw new IllegalArgumentException("priority must be >= 0");
        }
        if (Double.isNaN(sentiment) || sentiment < -1 || sentiment > 1) {
            throw new IllegalArgumentException("sentiment must be within -1..1");
        }
    }

    /** The original shape: not a complaint, not VIP, neutral sentiment. */
    public HandoffTicket(ConversationId conversationId, CustomerId customerId, Channel channel, String language,
            Set<String> skills, int priority, String reason, Instant requestedAt) {
        this(conversationId, customerId, channel, language, skills, priority, reason, requestedAt,
                ComplaintSeverity.NONE, false, 0.0);
    }

    /** Account-security cases (stolen account, unauthorised payment) jump the queue. */
    public boolean concernsAccountSecurity() {
        return skills.contains(ACCOUNT_SECURITY) || ACCOUNT_SECURITY.equals(reason);
    }
}
