package dev.concierge.core.channel;

import java.util.Locale;

/** The ways a customer reaches us. Closed set: adding a channel is a code change in every adapter. */
public enum Channel {
    WEB_CHAT("web_chat"),
    SMS("sms"),
    EMAIL("email"),
    REST("rest");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The snake_case name used on the wire, in stores and in metrics. */
    public String wireName() {
        return wireName;
    }

    public static Channel fromWireName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("channel is required");
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.wireName.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + name);
    }
}
