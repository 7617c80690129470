package dev.concierge.core.message;

public enum SenderRole {
    CUSTOMER,
    BOT,
    AGENT,
    SYSTEM;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
