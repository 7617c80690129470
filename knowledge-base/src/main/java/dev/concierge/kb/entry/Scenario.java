package dev.concierge.kb.entry;

/** Where in the purchase journey a question belongs. */
public enum Scenario {
    PRE_SALE,
    IN_SALE,
    AFTER_SALE
}
