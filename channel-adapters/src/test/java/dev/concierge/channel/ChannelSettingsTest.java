package dev.concierge.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.channel.email.EmailSettings;
import dev.concierge.channel.sms.SmsSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    @Test
    void nothingSetMeansBothChannelsDisabledWithAReason() {
        ChannelSettings s = ChannelSettings.fromEnvironment(Map.of());
        assertThat(s.sms().isEnabled()).isFalse();
        assertThat(s.email().isEnabled()).isFalse();
        assertThat(s.describe()).contains("sms: disabled (CONCIERGE_SMS_AUTH_TOKEN")
                .contains("email: disabled (CONCIERGE_EMAIL_FROM not set)");
    }

    @Test
    void fullyConfiguredChannelsAreEnabled() {
        ChannelSettings s = ChannelSettings.fromEnvironment(Map.of(
                "CONCIERGE_PUBLIC_URL", "https://support.example.com/",
                "CONCIERGE_SMS_AUTH_TOKEN", "auth-token-123",
                "CONCIERGE_SMS_ACCOUNT_SID", "AC42",
                "CONCIERGE_SMS_FROM", "+1 555 000 1111",
                "CONCIERGE_EMAIL_FROM", "Support <support@shop.example.com>",
                "CONCIERGE_SMTP_RELAY", "smtp.example.com:587",
                "CONCIERGE_SMTP_LISTEN_PORT", "2525",
                "CONCIERGE_EMAIL_WEBHOOK_KEY", "key-0123456789abcdef"));
        SmsSettings sms = s.sms().settings().orElseThrow();
        assertThat(sms.messagesEndpoint().toString())
                .isEqualTo("https://api.twilio.com/2010-04-01/Accounts/AC42/Messages.json");
        assertThat(sms.fromNumber().value()).isEqualTo("+15550001111");
        assertThat(sms.publicUrl().resolve("http://10.0.0.1:8080/webhooks/sms/inbound?x=1"))
                .isEqualTo("https://support.example.com/webhooks/sms/inbound?x=1");
        assertThat(sms.toString()).doesNotContain("auth-token-123");
        EmailSettings email = s.email().settings().orElseThrow();
        assertThat(email.fromAddress()).isEqualTo("support@shop.example.com");
        assertThat(email.relayHost()).isEqualTo("smtp.example.com");
        assertThat(email.relayPort()).isEqualTo(587);
        assertThat(email.listenerEnabled()).isTrue();
        assertThat(email.webhookEnabled()).isTrue();
        assertThat(email.toString()).doesNotContain("key-0123456789abcdef");
    }

    @Test
    void halfConfiguredChannelsFailFastNamingWhatIsMissing() {
        assertThatThrownBy(() -> SmsSettings.fromEnvironment(Map.of("CONCIERGE_SMS_AUTH_TOKEN", "auth-token-123")))
                .hasMessageContaining("CONCIERGE_SMS_ACCOUNT_SID").hasMessageContaining("CONCIERGE_PUBLIC_URL");
        assertThatThrownBy(() -> EmailSettings.fromEnvironment(Map.of("CONCIERGE_EMAIL_FROM", "a@b.example")))
                .hasMessageContaining("CONCIERGE_SMTP_RELAY");
        assertThatThrownBy(() -> EmailSettings.fromEnvironment(Map.of("CONCIERGE_SMTP_RELAY", "h:25")))
                .hasMessageContaining("CONCIERGE_EMAIL_FROM");
        assertThatThrownBy(() -> EmailSettings.fromEnvironment(Map.of("CONCIERGE_EMAIL_FROM", "a@b.example",
                "CONCIERGE_SMTP_RELAY", "nohost"))).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new PublicUrl(java.net.URI.create("ftp://x"))).hasMessageContaining("CONCIERGE_PUBLIC_URL");
    }
}
