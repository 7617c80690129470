package dev.concierge.channel;

import dev.concierge.channel.email.EmailSettings;
import dev.concierge.channel.sms.SmsSettings;
import java.util.Map;
import java.util.Objects;

/**
 * The channel-adapters part of the configuration tree: each channel enabled with its settings or disabled with
 * the reason, for the server to log at start-up.
 */
public record ChannelSettings(ChannelAvailability<SmsSettings> sms, ChannelAvailability<EmailSettings> email) {
    public ChannelSettings {
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(email, "email");
    }

    /** Reads every {@code CONCIERGE_*} channel variable; fails fast on a half-configured channel. */
    public static ChannelSettings fromEnvironment(Map<String, String> env) {
        return new ChannelSettings(SmsSettings.fromEnvironment(env), EmailSettings.fromEnvironment(env));
    }

    /** One line per channel: "sms: enabled" / "email: disabled (CONCIERGE_EMAIL_FROM not set)". */
    public String describe() {
        return "sms: " + (sms.isEnabled() ? "enabled" : "disabled (" + sms.reason() + ")") + "; email: "
                + (email.isEnabled() ? "enabled" : "disabled (" + email.reason() + ")");
    }
}
