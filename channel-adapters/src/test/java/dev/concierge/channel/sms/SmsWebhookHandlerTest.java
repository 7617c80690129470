package dev.concierge.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.PublicUrl;
import dev.concierge.channel.RecordingInboundHandler;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.channel.optout.InMemoryOptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The inbound SMS webhook's keyword handling, with in-memory stores and no network. */
class SmsWebhookHandlerTest {
    private static final String PUBLIC = "https://concierge.example.com";
    private static final String PATH = "/webhooks/sms/inbound";
    private static final String TOKEN = "test-auth-token-123";
    private static final Identity SHOPPER = Identity.phone("+15550002222");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC);
    private final SmsSettings settings = new SmsSettings(new PublicUrl(URI.create(PUBLIC)), "AC123", TOKEN,
            URI.create("http://127.0.0.1:9"), Identity.phone("+15550001111"), 3, Duration.ofSeconds(5));
    private final RecordingInboundHandler handler = new RecordingInboundHandler();
    private final InMemoryOptOutStore optOuts = new InMemoryOptOutStore();
    private final SmsWebhookHandler webhook = new SmsWebhookHandler(settings, new InMemoryIdempotencyStore(clock),
            optOuts, handler, clock);
    private int sids;

    private WebhookResponse sms(String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", "SM" + ++sids);
        p.put("From", SHOPPER.value());
        p.put("To", "+15550001111");
        p.put("Body", body);
        p.put("NumMedia", "0");
        Map<String, List<String>> multi = new LinkedHashMap<>();
        p.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = new SmsSignatureVerifier(TOKEN).sign(PUBLIC + PATH, multi);
        String form = p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return webhook.handle(new WebhookRequest("POST", PATH, Map.of("X-Twilio-Signature", List.of(signature)),
                Map.of(), form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "10.0.0.1"));
    }

    private static String message(WebhookResponse twiml) {
        assertThat(twiml.status()).isEqualTo(200);
        String body = twiml.body();
        int start = body.indexOf("<Message>");
        return start < 0 ? "" : body.substring(start + "<Message>".length(), body.indexOf("</Message>"));
    }

    @Test
    void cancelMidDialogueOptsOutAndSaysTheOrderWasNotCancelled() {
        assertThat(sms("I want to cancel my order DD20261101001").status()).isEqualTo(200);
        // the bot asked "Cancel order DD20261101001? 1. Confirm 2. No"; the shopper answers in a word
        String reply = message(sms("cancel"));

        // a carrier opt-out keyword: honoured, never routed
        assertThat(optOuts.isOptedOut(Channel.SMS, SHOPPER)).isTrue();
        assertThat(handler.messages()).hasSize(1);
        // but not a trap: the shopper learns the order was not cancelled and how to come back
        assertThat(reply).contains("unsubscribed").contains("no order was cancelled").contains("START");
        assertThat(SmsSizer.segmentCount(reply)).isEqualTo(1);
    }

    @Test
    void anExplicitStopGetsThePlainConfirmation() {
        assertThat(message(sms("STOP"))).contains("unsubscribed").contains("START").doesNotContain("cancelled");
    }

    @Test
    void theChineseCarrierCodeTdSaysTheSameInChinese() {
        String reply = message(sms("TD"));
        assertThat(reply).contains("已退订").contains("未处理").contains("订阅");
        assertThat(SmsSizer.segmentCount(reply)).isEqualTo(1);
        assertThat(message(sms("START"))).contains("subscribed again");
        assertThat(message(sms("退订"))).doesNotContain("未处理");
    }

    @Test
    void yesFromASubscribedNumberAnswersTheBot() {
        assertThat(message(sms("Yes."))).isEmpty();
        assertThat(handler.messages()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Yes."));
        assertThat(optOuts.isOptedOut(Channel.SMS, SHOPPER)).isFalse();
    }

    @Test
    void helpIsAlwaysAnsweredAndAnOptedOutNumberLearnsHowToComeBack() {
        assertThat(message(sms("HELP"))).contains("Support").contains("STOP");
        sms("STOP");
        // compliance: HELP gets an answer from an opted-out number too (it got an empty response)
        assertThat(message(sms("help"))).contains("Support").contains("unsubscribed").contains("START");
        assertThat(message(sms("帮助"))).contains("客服帮助").contains("已退订").contains("订阅");
        assertThat(optOuts.isOptedOut(Channel.SMS, SHOPPER)).isTrue();
        assertThat(handler.messages()).isEmpty();
    }
}
