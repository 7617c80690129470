package dev.concierge.channel.outbox;

/** Where an outbox entry is. Only PENDING entries are ever attempted. */
public enum OutboxStatus {
    PENDING,
    SENT,
    SUPPRESSED,
    FAILED
}
