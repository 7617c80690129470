package dev.concierge.server.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Keeps the newest {@code capacity} events in memory (embedded mode: lost on restart, like the other stores). */
public final class InMemoryAuditLog implements AuditLog {
    private final ArrayDeque<AuditEvent> events = new ArrayDeque<>();
    private final int capacity;

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    @Override
    public synchronized List<AuditEvent> query(AuditQuery query) {
        List<AuditEvent> out = new ArrayList<>();
        for (Iterator<AuditEvent> it = events.descendingIterator(); it.hasNext() && out.size() < query.limit(); ) {
            AuditEvent e = it.next();
            if (query.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }
}
