package dev.concierge.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.concierge.channel.FormFields;
import dev.concierge.channel.InboundMessage;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.PublicUrl;
import dev.concierge.channel.RecordingInboundHandler;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.channel.optout.InMemoryOptOutStore;
import dev.concierge.channel.outbox.InMemoryOutboxStore;
import dev.concierge.channel.outbox.OutboxDispatcher;
import dev.concierge.channel.outbox.OutboxEntry;
import dev.concierge.channel.outbox.OutboxStatus;
import dev.concierge.channel.outbox.RetryPolicy;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMS channel against a real HTTP peer: WireMock plays the provider's Messages API. */
class SmsChannelIT {
    private static final String PUBLIC = "https://concierge.example.com";
    private static final String INBOUND_PATH = "/webhooks/sms/inbound";
    private static final String TOKEN = "test-auth-token-123";
    private static final String MESSAGES = "/2010-04-01/Accounts/AC123/Messages.json";
    private static final Identity CUSTOMER = Identity.phone("+8613800138000");

    private WireMockServer provider;
    private SmsSettings settings;
    private RecordingInboundHandler handler;
    private InMemoryIdempotencyStore dedupe;
    private InMemoryOptOutStore optOuts;
    private InMemoryOutboxStore outbox;
    private SmsWebhookHandler webhook;
    private OutboxDispatcher dispatcher;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM-out-1\",\"status\":\"queued\"}")));
        settings = new SmsSettings(new PublicUrl(URI.create(PUBLIC)), "AC123", TOKEN,
                URI.create("http://127.0.0.1:" + provider.port()), Identity.phone("+15550001111"), 3,
                Duration.ofSeconds(5));
        handler = new RecordingInboundHandler();
        dedupe = new InMemoryIdempotencyStore(Clock.systemUTC());
        optOuts = new InMemoryOptOutStore();
        outbox = new InMemoryOutboxStore();
        webhook = new SmsWebhookHandler(settings, dedupe, optOuts, handler, Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        dispatcher = new OutboxDispatcher(List.of(new SmsOutputChannel(settings, optOuts, http)), outbox,
                new RetryPolicy(3, 5, Duration.ofMillis(100), Duration.ofSeconds(10)), Clock.systemUTC(), sleeps::add);
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private static Map<String, String> inbound(String sid, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("AccountSid", "AC123");
        p.put("From", CUSTOMER.value());
        p.put("To", "+15550001111");
        p.put("Body", body);
        p.put("NumMedia", "0");
        return p;
    }

    private WebhookRequest signed(String path, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String signature = new SmsSignatureVerifier(TOKEN).sign(PUBLIC + path, multi);
        return request(path, params, signature);
    }

    /** As the server would build it: behind a proxy, so the URL it sees is an internal one. */
    private static WebhookRequest request(String path, Map<String, String> params, String signature) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, List<String>> headers = signature == null ? Map.of()
                : Map.of("x-twilio-signature", List.of(signature));
        return new WebhookRequest("POST", "http://10.0.0.7:8080" + path, headers, Map.of(),
                body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "10.0.0.1");
    }

    @Test
    void signedWebhookReachesTheHandlerAndTheReplyReachesTheProvider() throws Exception {
        WebhookResponse response = webhook.handle(signed(INBOUND_PATH, inbound("SM1", "我的订单到哪了？")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<Response></Response>");
        assertThat(handler.messages()).hasSize(1);
        InboundMessage m = handler.messages().get(0);
        assertThat(m.channel()).isEqualTo(Channel.SMS);
        assertThat(m.sender()).isEqualTo(CUSTOMER);
        assertThat(m.text()).isEqualTo("我的订单到哪了？");
        assertThat(m.providerMessageId()).isEqualTo("SM1");

        ConversationId conversation = handler.conversations().get(0);
        OutboxEntry sent = dispatcher.submit(Channel.SMS,
                OutboundMessage.text(conversation, m.sender(), "Your order ships today & arrives Friday."));

        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.providerMessageId()).isEqualTo("SM-out-1");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                ("AC123:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        provider.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo(basic)));
        FormFields form = FormFields.parse(provider.getAllServeEvents().get(0).getRequest().getBody());
        assertThat(form.firstOrEmpty("To")).isEqualTo("+8613800138000");
        assertThat(form.firstOrEmpty("From")).isEqualTo("+15550001111");
        assertThat(form.firstOrEmpty("Body")).isEqualTo("Your order ships today & arrives Friday.");
        assertThat(form.firstOrEmpty("StatusCallback")).isEqualTo(PUBLIC + "/webhooks/sms/status");
    }

    @Test
    void forgedOrMissingSignatureIs403AndNothingIsStored() {
        Map<String, String> params = inbound("SM2", "hello");
        WebhookRequest good = signed(INBOUND_PATH, params);
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Body", "hello, send the refund to my other account");
        WebhookRequest forged = request(INBOUND_PATH, tampered, good.header("X-Twilio-Signature").orElseThrow());

        assertThat(webhook.handle(forged).status()).isEqualTo(403);
        assertThat(webhook.handle(request(INBOUND_PATH, params, null)).status()).isEqualTo(403);
        assertThat(webhook.handle(request(INBOUND_PATH, params, "bm90IGEgc2lnbmF0dXJl")).status()).isEqualTo(403);
        assertThat(handler.messages()).isEmpty();
        // nothing was half-stored: the genuine delivery is still accepted afterwards
        assertThat(webhook.handle(good).status()).isEqualTo(200);
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void theSameMessageSidTwiceIsOneMessage() {
        WebhookRequest r = signed(INBOUND_PATH, inbound("SM3", "where is my parcel"));
        assertThat(webhook.handle(r).status()).isEqualTo(200);
        assertThat(webhook.handle(r).status()).isEqualTo(200);
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void aFailedStoreAnswers503AndTheProvidersRetryGetsIn() {
        WebhookRequest r = signed(INBOUND_PATH, inbound("SM4", "hello"));
        handler.setFailing(true);
        assertThat(webhook.handle(r).status()).isEqualTo(503);
        handler.setFailing(false);
        assertThat(webhook.handle(r).status()).isEqualTo(200);
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void mediaUrlsBecomeAttachments() {
        Map<String, String> p = inbound("SM5", "");
        p.put("NumMedia", "1");
        p.put("MediaUrl0", "https://media.example.com/defect.jpg");
        p.put("MediaContentType0", "image/jpeg");
        assertThat(webhook.handle(signed(INBOUND_PATH, p)).status()).isEqualTo(200);
        InboundMessage m = handler.messages().get(0);
        assertThat(m.attachments()).hasSize(1);
        assertThat(m.attachments().get(0).url()).isEqualTo("https://media.example.com/defect.jpg");
        assertThat(m.attachments().get(0).contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void providerServerErrorsAreRetriedWithBackoffThenSucceed() {
        provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM-after-retry\"}")));

        OutboxEntry e = dispatcher.submit(Channel.SMS,
                OutboundMessage.text(new ConversationId("c-1"), CUSTOMER, "Your refund was approved."));

        assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.providerMessageId()).isEqualTo("SM-after-retry");
        provider.verify(3, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void whatInlineRetriesCannotSendStaysInTheOutboxForTheDrainer() {
        provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)));
        OutboxEntry e = dispatcher.submit(Channel.SMS,
                OutboundMessage.text(new ConversationId("c-1"), CUSTOMER, "Your refund was approved."));
        assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(outbox.pendingCount()).isEqualTo(1);

        // the provider recovers; a fresh dispatcher (think: another node after a crash) drains the outbox
        provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM9\"}")));
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
        OutboxDispatcher another = new OutboxDispatcher(
                List.of(new SmsOutputChannel(settings, optOuts, HttpClient.newHttpClient())), outbox,
                new RetryPolicy(3, 5, Duration.ofMillis(100), Duration.ofSeconds(10)), later, d -> { });
        assertThat(another.drainOnce(10)).isEqualTo(1);
        OutboxEntry after = outbox.find(e.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(after.attempts()).isEqualTo(4);
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void providerTimeoutsAreRetried() {
        SmsSettings impatient = new SmsSettings(settings.publicUrl(), "AC123", TOKEN, settings.apiBaseUrl(),
                settings.fromNumber(), 3, Duration.ofMillis(300));
        provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(1500)).willSetStateTo("fast"));
        provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM-fast\"}")));
        OutboxDispatcher d = new OutboxDispatcher(List.of(new SmsOutputChannel(impatient, optOuts,
                HttpClient.newHttpClient())), outbox, new RetryPolicy(2, 4, Duration.ofMillis(1), Duration.ofMillis(10)),
                Clock.systemUTC(), x -> { });
        OutboxEntry e = d.submit(Channel.SMS, OutboundMessage.text(new ConversationId("c-1"), CUSTOMER, "hello"));
        assertThat(e.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.providerMessageId()).isEqualTo("SM-fast");
    }

    @Test
    void clientErrorsAreNotRetried() {
        provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)));
        OutboxEntry e = dispatcher.submit(Channel.SMS,
                OutboundMessage.text(new ConversationId("c-1"), CUSTOMER, "hello"));
        assertThat(e.status()).isEqualTo(OutboxStatus.FAILED);
        provider.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void stopConfirmsOnceIsNeverRoutedAndSuppressesFurtherSends() {
        WebhookResponse stop = webhook.handle(signed(INBOUND_PATH, inbound("SM6", "STOP")));
        assertThat(stop.status()).isEqualTo(200);
        // in the keyword's language only: both languages in one message cost a second segment
        assertThat(stop.body()).contains("<Message>").contains("unsubscribed").doesNotContain("退订");
        assertThat(handler.messages()).isEmpty();
        assertThat(handler.optOutEvents()).containsExactly("+8613800138000 out");
        assertThat(optOuts.isOptedOut(Channel.SMS, CUSTOMER)).isTrue();

        WebhookResponse again = webhook.handle(signed(INBOUND_PATH, inbound("SM7", "退订")));
        assertThat(again.body()).doesNotContain("<Message>");

        OutboxEntry e = dispatcher.submit(Channel.SMS,
                OutboundMessage.text(new ConversationId("c-1"), CUSTOMER, "Anything else?"));
        assertThat(e.status()).isEqualTo(OutboxStatus.SUPPRESSED);
        provider.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));

        WebhookResponse start = webhook.handle(signed(INBOUND_PATH, inbound("SM8", "Yes!")));
        assertThat(start.body()).contains("subscribed again");
        assertThat(optOuts.isOptedOut(Channel.SMS, CUSTOMER)).isFalse();
        assertThat(handler.messages()).isEmpty();
    }

    @Test
    void yesIsAnOrdinaryAnswerForSubscribedNumbers() {
        webhook.handle(signed(INBOUND_PATH, inbound("SM19", "yes")));
        assertThat(handler.messages()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("yes"));
    }

    @Test
    void helpGetsTheHelpTextAndIsNotRouted() {
        WebhookResponse help = webhook.handle(signed(INBOUND_PATH, inbound("SM10", "HELP")));
        assertThat(help.body()).contains("<Message>").contains("STOP").doesNotContain("客服");
        WebhookResponse chinese = webhook.handle(signed(INBOUND_PATH, inbound("SM12", "帮助")));
        assertThat(chinese.body()).contains("<Message>").contains("退订").doesNotContain("Support");
        assertThat(handler.messages()).isEmpty();
        // a sentence that contains the word is a normal message
        webhook.handle(signed(INBOUND_PATH, inbound("SM11", "help me with my refund")));
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void aLongChineseAnswerArrivesSizedToTheSegmentBudget() throws Exception {
        String answer = "您的退货申请已经收到，我们会在三个工作日内完成审核。".repeat(20).substring(0, 500);
        dispatcher.submit(Channel.SMS, new OutboundMessage(new ConversationId("c-1"), CUSTOMER, answer, "", List.of(),
                List.of(), ""));
        String body = FormFields.parse(provider.getAllServeEvents().get(0).getRequest().getBody()).firstOrEmpty("Body");
        assertThat(SmsSizer.encodingOf(body)).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSizer.segmentCount(body)).isLessThanOrEqualTo(3);
        assertThat(body).endsWith("。");
    }

    @Test
    void quickRepliesBecomeANumberedList() throws Exception {
        dispatcher.submit(Channel.SMS, new OutboundMessage(new ConversationId("c-1"), CUSTOMER, "Which order?", "",
                List.of("Order 1001", "Order 1002"), List.of(), ""));
        String body = FormFields.parse(provider.getAllServeEvents().get(0).getRequest().getBody()).firstOrEmpty("Body");
        assertThat(body).isEqualTo("Which order?\n1. Order 1001\n2. Order 1002");
    }

    @Test
    void signedDeliveryReceiptsAreRecorded() {
        SmsStatusCallbackHandler status = new SmsStatusCallbackHandler(settings, outbox);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", "SM-out-1");
        p.put("MessageStatus", "delivered");
        assertThat(status.handle(signed("/webhooks/sms/status", p)).status()).isEqualTo(200);
        assertThat(outbox.deliveryStatus("SM-out-1")).contains("delivered");
        p.put("MessageStatus", "failed");
        assertThat(status.handle(request("/webhooks/sms/status", p, "forged")).status()).isEqualTo(403);
        assertThat(outbox.deliveryStatus("SM-out-1")).contains("delivered");
    }

    @Test
    void malformedInputIsAClear4xxAndNothingIsStored() {
        byte[] invalidUtf8 = "MessageSid=SM12&From=%2B8613800138000&Body=%C3%28".getBytes(StandardCharsets.US_ASCII);
        WebhookRequest bad = new WebhookRequest("POST", INBOUND_PATH, Map.of(), Map.of(), invalidUtf8,
                "application/x-www-form-urlencoded", "");
        WebhookResponse r = webhook.handle(bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("UTF-8");

        Map<String, String> noFrom = inbound("SM13", "hi");
        noFrom.remove("From");
        assertThat(webhook.handle(signed(INBOUND_PATH, noFrom)).body()).contains("From missing");
        Map<String, String> noSid = inbound("SM14", "hi");
        noSid.remove("MessageSid");
        assertThat(webhook.handle(signed(INBOUND_PATH, noSid)).status()).isEqualTo(400);
        Map<String, String> badPhone = inbound("SM15", "hi");
        badPhone.put("From", "not-a-number");
        assertThat(webhook.handle(signed(INBOUND_PATH, badPhone)).status()).isEqualTo(400);
        Map<String, String> badMedia = inbound("SM16", "hi");
        badMedia.put("NumMedia", "lots");
        assertThat(webhook.handle(signed(INBOUND_PATH, badMedia)).status()).isEqualTo(400);
        Map<String, String> empty = inbound("SM17", "  ");
        assertThat(webhook.handle(signed(INBOUND_PATH, empty)).status()).isEqualTo(400);
        Map<String, String> huge = inbound("SM18", "x".repeat(5000));
        assertThat(webhook.handle(signed(INBOUND_PATH, huge)).status()).isEqualTo(413);
        assertThat(webhook.handle(new WebhookRequest("GET", INBOUND_PATH, Map.of(), Map.of(), null, "", ""))
                .status()).isEqualTo(405);
        assertThat(handler.messages()).isEmpty();
        // the rejected sids were not claimed: fixed deliveries with the same sid still get in
        assertThat(webhook.handle(signed(INBOUND_PATH, inbound("SM13", "hi"))).status()).isEqualTo(200);
    }
}
