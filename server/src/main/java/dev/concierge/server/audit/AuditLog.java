package dev.concierge.server.audit;

import java.util.List;

/** The queryable audit trail of agents' accesses to customer data. Implementations are thread-safe. */
public interface AuditLog {
    void record(AuditEvent event);

    /** Matching events, newest first. */
    List<AuditEvent> query(AuditQuery query);
}
