package dev.concierge.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.PublicUrl;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.outbox.InMemoryOutboxStore;
import dev.concierge.channel.outbox.OutboxEntry;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Delivery receipts: signed, from the provider's set of statuses, never changing an outbox entry. */
class SmsStatusCallbackHandlerTest {
    private static final String PUBLIC = "https://concierge.example.com";
    private static final String PATH = "/webhooks/sms/status";
    private static final String TOKEN = "test-auth-token-123";

    private final SmsSettings settings = new SmsSettings(new PublicUrl(URI.create(PUBLIC)), "AC123", TOKEN,
            URI.create("http://127.0.0.1:9"), Identity.phone("+15550001111"), 3, Duration.ofSeconds(5));
    private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
    private final SmsStatusCallbackHandler handler = new SmsStatusCallbackHandler(settings, outbox);

    private WebhookResponse receipt(String sid, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("MessageStatus", status);
        Map<String, List<String>> multi = new LinkedHashMap<>();
        p.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = new SmsSignatureVerifier(TOKEN).sign(PUBLIC + PATH, multi);
        String form = p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return handler.handle(new WebhookRequest("POST", PATH, Map.of("X-Twilio-Signature", List.of(signature)),
                Map.of(), form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "10.0.0.1"));
    }

    @Test
    void anUnknownStatusIsAClear400AndNotRecorded() {
        WebhookResponse r = receipt("SM-out-1", "bogus");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("unknown MessageStatus 'bogus'").contains("delivered");
        assertThat(outbox.deliveryStatus("SM-out-1")).isEmpty();
        assertThat(receipt("SM-out-1", "Delivered").status()).isEqualTo(200);
        assertThat(outbox.deliveryStatus("SM-out-1")).contains("delivered");
    }

    @Test
    void aReceiptForAMessageWeHaveNoEntryForIsAcknowledgedAndChangesNoEntry() {
        Instant now = Instant.parse("2026-11-01T08:00:00Z");
        OutboxEntry entry = OutboxEntry.pending(Channel.SMS, OutboundMessage.text(new ConversationId("c-1"),
                Identity.phone("+8613800138000"), "hello"), now, now.plusSeconds(120));
        outbox.add(entry);
        // after a restart with in-memory state, or a receipt overtaking the send's own response
        assertThat(receipt("SM-never-seen", "delivered").status()).isEqualTo(200);
        assertThat(outbox.find(entry.id())).contains(entry);
        assertThat(outbox.pendingCount()).isEqualTo(1);
    }
}
