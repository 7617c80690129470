package dev.concierge.routing.sla;

import dev.concierge.core.conversation.ConversationId;
import java.time.Instant;
import java.util.Objects;

/** A promise that was not kept; shown to supervisors and escalated. */
public record SlaBreach(ConversationId conversationId, SlaKind kind, Instant dueAt, Instant detectedAt) {
    public SlaBreach {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    public static SlaBreach of(SlaTimer timer, Instant detectedAt) {
        return new SlaBreach(timer.conversationId(), timer.kind(), timer.dueAt(), detectedAt);
    }
}
