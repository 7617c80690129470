package dev.concierge.routing.ticket;

public enum TicketStatus {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
