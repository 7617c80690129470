package dev.concierge.routing.ticket;

import java.time.Instant;
import java.util.Objects;

/** One line of a ticket's history. */
public record TicketEvent(Instant at, TicketStatus status, String note) {
    public TicketEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        note = note == null ? "" : note;
    }
}
