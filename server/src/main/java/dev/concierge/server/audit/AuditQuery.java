package dev.concierge.server.audit;

/** Filters for {@link AuditLog#query}: every non-null field must match; newest first, at most {@code limit}. */
public record AuditQuery(String actor, String action, String conversationId, Boolean allowed, int limit) {
    public AuditQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    boolean matches(AuditEvent e) {
        return (actor == null || actor.equals(e.actor()))
                && (action == null || action.equals(e.action()))
                && (conversationId == null || conversationId.equals(e.conversationId()))
                && (allowed == null || allowed == e.allowed());
    }
}
