package dev.concierge.core.customer;

/** The kinds of handle a customer is known by; one customer may have several. */
public enum IdentityType {
    APP_USER,
    PHONE,
    EMAIL
}
