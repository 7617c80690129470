package dev.concierge.server.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One access to or action on a customer's data: who ({@code actor}), what ({@code action}: read, accept,
 * transfer, close, denied, attachment_read...), on which conversation (or other target), allowed or not.
 */
public record AuditEvent(Instant at, String actor, String action, String conversationId, boolean allowed,
        Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        actor = actor == null || actor.isBlank() ? "unknown" : actor;
        Objects.requireNonNull(action, "action");
        details = Map.copyOf(details);
    }
}
