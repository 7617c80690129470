package dev.concierge.core.conversation;

import java.time.Instant;
import java.util.Objects;

/** One step in a conversation's life: which status, who caused it (bot, an agent id, system) and when. */
public record StatusChange(ConversationStatus status, String actor, Instant at, String reason) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required");
        }
        reason = reason == null ? "" : reason;
    }
}
