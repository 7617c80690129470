package dev.concierge.routing;

/** How serious a complaint is; drives its priority and its resolution deadline. NONE = not a complaint. */
public enum ComplaintSeverity {
    NONE,
    GENERAL,
    SERIOUS,
    MAJOR
}
