package dev.concierge.routing;

public enum Presence {
    ONLINE,
    AWAY,
    OFFLINE
}
