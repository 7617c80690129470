package dev.concierge.core.message;

/** Seen from Concierge: inbound comes from the customer, outbound goes to them. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
