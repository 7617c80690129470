package dev.concierge.routing.ticket;

import dev.concierge.core.Ids;

public record TicketId(String value) {
    public TicketId {
        Ids.requireSafe(value, "ticket id");
    }

    @Override
    public String toString() {
        return value;
    }
}
