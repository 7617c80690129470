package dev.concierge.channel;

import java.util.Objects;
import java.util.Optional;

/**
 * A channel's settings when it is configured, or why it is disabled — so the server can log
 * "sms channel disabled: CONCIERGE_SMS_AUTH_TOKEN not set" and carry on.
 */
public record ChannelAvailability<T>(Optional<T> settings, String reason) {
    public ChannelAvailability {
        Objects.requireNonNull(settings, "settings");
        reason = reason == null ? "" : reason;
    }

    public static <T> ChannelAvailability<T> enabled(T settings) {
        return new ChannelAvailability<>(Optional.of(settings), "configured");
    }

    public static <T> ChannelAvailability<T> disabled(String why) {
        return new ChannelAvailability<>(Optional.empty(), why);
    }

    public boolean isEnabled() {
        return settings.isPresent();
    }
}
