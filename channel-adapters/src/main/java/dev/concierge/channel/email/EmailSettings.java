package dev.concierge.channel.email;

import dev.concierge.channel.ChannelAvailability;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Email channel settings.
 *
 * @param fromAddress        our support address (replies come from it; replies to it carry the reply token)
 * @param listenPort         the SMTP listener's port; -1 = no listener, 0 = any free port (tests)
 * @param relayHost          the SMTP relay we send through
 * @param webhookKey         the inbound-parse webhook signing key; "" = webhook disabled
 * @param maxMessageBytes    a whole inbound mail (SMTP DATA or webhook body) may not be larger
 * @param maxAttachmentBytes one attachment may not be larger
 */
public record EmailSettings(String fromAddress, int listenPort, String relayHost, int relayPort, String webhookKey,
        int maxMessageBytes, int maxAttachmentBytes, Duration smtpTimeout) {

    public static final String ENV_FROM = "CONCIERGE_EMAIL_FROM";
    public static final String ENV_LISTEN_PORT = "CONCIERGE_SMTP_LISTEN_PORT";
    public static final String ENV_RELAY = "CONCIERGE_SMTP_RELAY";
    public static final String ENV_WEBHOOK_KEY = "CONCIERGE_EMAIL_WEBHOOK_KEY";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

    public EmailSettings {
        try {
            InternetAddress a = new InternetAddress(Objects.requireNonNull(fromAddress, ENV_FROM), true);
            fromAddress = a.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(ENV_FROM + " is not an email address: " + fromAddress);
        }
        if (fromAddress.indexOf('@') < 1) {
            throw new IllegalArgumentException(ENV_FROM + " needs a domain: " + fromAddress);
        }
        if (listenPort < -1 || listenPort > 65535) {
            throw new IllegalArgumentException(ENV_LISTEN_PORT + " must be 0..65535");
        }
        if (relayHost == null || relayHost.isBlank() || relayPort < 1 || relayPort > 65535) {
            throw new IllegalArgumentException(ENV_RELAY + " must be host:port");
        }
        webhookKey = webhookKey == null ? "" : webhookKey;
        if (!webhookKey.isEmpty() && webhookKey.length() < 16) {
            throw new IllegalArgumentException(ENV_WEBHOOK_KEY + " must be at least 16 characters");
        }
        if (maxAttachmentBytes < 1 || maxMessageBytes < maxAttachmentBytes) {
            throw new IllegalArgumentException("need 0 < maxAttachmentBytes <= maxMessageBytes");
        }
        Objects.requireNonNull(smtpTimeout, "smtpTimeout");
    }

    /**
     * Reads {@code CONCIERGE_EMAIL_FROM} (enables the channel), {@code CONCIERGE_SMTP_RELAY} (required with it),
     * {@code CONCIERGE_SMTP_LISTEN_PORT} and {@code CONCIERGE_EMAIL_WEBHOOK_KEY} (each enables one inbound path).
     */
    public static ChannelAvailability<EmailSettings> fromEnvironment(Map<String, String> env) {
        String from = blankToNull(env.get(ENV_FROM));
        String relay = blankToNull(env.get(ENV_RELAY));
        String port = blankToNull(env.get(ENV_LISTEN_PORT));
        String key = blankToNull(env.get(ENV_WEBHOOK_KEY));
        if (from == null) {
            if (relay != null || port != null || key != null) {
                throw new IllegalArgumentException("email channel half configured: " + ENV_FROM + " not set");
            }
            return ChannelAvailability.disabled(ENV_FROM + " not set");
        }
        if (relay == null) {
            throw new IllegalArgumentException("email channel half configured: " + ENV_RELAY + " not set");
        }
        int colon = relay.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(ENV_RELAY + " must be host:port, got " + relay);
        }
        int listen;
        int relayPort;
        try {
            relayPort = Integer.parseInt(relay.substring(colon + 1));
            listen = port == null ? -1 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV_RELAY + " / " + ENV_LISTEN_PORT + ": not a port number");
        }
        return ChannelAvailability.enabled(new EmailSettings(from, listen, relay.substring(0, colon), relayPort,
                key, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_ATTACHMENT_BYTES, Duration.ofSeconds(20)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public boolean listenerEnabled() {
        return listenPort >= 0;
    }

    public boolean webhookEnabled() {
        return !webhookKey.isEmpty();
    }

    public String domain() {
        return fromAddress.substring(fromAddress.indexOf('@') + 1);
    }

    public EmailSettings withListenPort(int port) {
        return new EmailSettings(fromAddress, port, relayHost, relayPort, webhookKey, maxMessageBytes,
                maxAttachmentBytes, smtpTimeout);
    }

    @Override
    public String toString() {
        return "EmailSettings[from=" + fromAddress + ", listenPort=" + listenPort + ", relay=" + relayHost + ":"
                + relayPort + ", webhookKey=" + (webhookKey.isEmpty() ? "none" : "***") + "]";
    }
}
