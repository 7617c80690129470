package dev.concierge.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.channel.DeliveryException;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.OutputChannel;
import dev.concierge.channel.SendResult;
import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.IdentityType;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Sends replies through the provider's Messages REST API ({@code POST .../Messages.json}, form {@code To},
 * {@code From}, {@code Body}, basic auth). Opted-out numbers are never messaged. Bodies are fitted to the
 * configured segment budget. One attempt per call; retries belong to the outbox dispatcher.
 */
public final class SmsOutputChannel implements OutputChannel {
    public static final String STATUS_CALLBACK_PATH = "/webhooks/sms/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmsSettings settings;
    private final OptOutStore optOuts;
    private final HttpClient http;

    /** @param http shared and thread-safe; build it with a connect timeout */
    public SmsOutputChannel(SmsSettings settings, OptOutStore optOuts, HttpClient http) {
        this.settings = settings;
        this.optOuts = optOuts;
        this.http = http;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendResult send(OutboundMessage message) throws DeliveryException {
        // quick replies as a numbered list; when that is too long, the short answer with the same list
        OutboundMessage plain = message.asPlainText();
        String shortPlain = message.shortText().isBlank() ? ""
                : message.withText(message.shortText()).asPlainText().text();
        return sendText(plain.withShortText(shortPlain));
    }

    @Override
    public SendResult sendText(OutboundMessage message) throws DeliveryException {
        if (message.recipient().type() != IdentityType.PHONE) {
            throw DeliveryException.permanent("SMS needs a phone recipient");
        }
        if (optOuts.isOptedOut(Channel.SMS, message.recipient())) {
            return SendResult.suppressed("recipient opted out");
        }
        SmsSizer.Fit fit = SmsSizer.fit(message.text(), message.shortText(), settings.maxSegments());
        String form = field("To", message.recipient().value()) + "&" + field("From", settings.fromNumber().value())
                + "&" + field("Body", fit.body()) + "&"
                + field("StatusCallback", settings.publicUrl().resolve(STATUS_CALLBACK_PATH));
        String auth = Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(settings.messagesEndpoint())
                .timeout(settings.requestTimeout())
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retryable("SMS provider timed out", e);
        } catch (IOException e) {
            throw DeliveryException.retryable("SMS provider unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw DeliveryException.retryable("SMS provider answered " + status, null);
        }
        if (status < 200 || status >= 300) {
            throw DeliveryException.permanent("SMS provider refused the message: " + status);
        }
        return SendResult.sent(sidOf(response.body()));
    }

    private static String sidOf(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode sid = node == null ? null : node.get("sid");
            return sid == null ? "" : sid.asText("");
        } catch (IOException e) {
            return ""; // accepted (2xx) but unreadable: still sent; the receipt just cannot be matched
        }
    }

    private static String field(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
