package dev.concierge.routing.sla;

import dev.concierge.core.conversation.ConversationId;
import java.time.Instant;
import java.util.Objects;

/** A promise being watched: breached if still running at {@code dueAt}. */
public record SlaTimer(ConversationId conversationId, SlaKind kind, Instant startedAt, Instant dueAt) {
    public SlaTimer {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        if (dueAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("an SLA cannot be due before it starts");
        }
    }
}
