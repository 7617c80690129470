package dev.concierge.channel.sms;

import dev.concierge.channel.FormFields;
import dev.concierge.channel.MalformedInputException;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.core.Ids;
import dev.concierge.core.StoreUnavailableException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/sms/status}: the provider's signed delivery receipts ({@code MessageSid},
 * {@code MessageStatus}), recorded in the outbox store. Blocks on the store. Never throws.
 *
 * <p>A status outside the provider's documented set is refused with 400. A receipt for a {@code MessageSid} we have
 * no entry for (in-memory state lost in a restart, or the receipt overtaking the send's own response) is answered
 * 200 so the provider does not retry it: receipts are kept apart from outbox entries and never change one.
 */
public final class SmsStatusCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(SmsStatusCallbackHandler.class);
    /** Twilio's message statuses (outbound and inbound). */
    static final Set<String> STATUSES = Set.of("accepted", "scheduled", "canceled", "queued", "sending", "sent",
            "failed", "delivered", "undelivered", "receiving", "received", "read", "partially_delivered");
    private final SmsSettings settings;
    private final SmsSignatureVerifier verifier;
    private final OutboxStore outbox;

    public SmsStatusCallbackHandler(SmsSettings settings, OutboxStore outbox) {
        this.settings = settings;
        this.verifier = new SmsSignatureVerifier(settings.authToken());
        this.outbox = outbox;
    }

    public WebhookResponse handle(WebhookRequest request) {
        try {
            if (!"POST".equalsIgnoreCase(request.method())) {
                return WebhookResponse.error(405, "POST only");
            }
            FormFields form = FormFields.of(request);
            String url = settings.publicUrl().resolve(request.publicUrl());
            if (!verifier.verify(url, form.asMap(), request.header(SmsSignatureVerifier.HEADER).orElse(null))) {
                return WebhookResponse.error(403, "invalid signature");
            }
            String sid = form.first("MessageSid").orElseThrow(() -> new MalformedInputException("MessageSid missing"));
            String status = form.first("MessageStatus").orElseThrow(
                    () -> new MalformedInputException("MessageStatus missing")).strip().toLowerCase(Locale.ROOT);
            if (!Ids.isSafe(sid)) {
                throw new MalformedInputException("MessageSid malformed");
            }
            if (!status.matches("[a-z_-]{1,32}")) {
                throw new MalformedInputException("MessageStatus malformed");
            }
            if (!STATUSES.contains(status)) {
                throw new MalformedInputException("unknown MessageStatus '" + status + "'; expected one of "
                        + String.join(", ", STATUSES.stream().sorted().toList()));
            }
            outbox.recordDeliveryStatus(sid, status);
            log.info("event=sms_delivery_status message_sid={} status={} error_code={}", sid, status,
                    form.firstOrEmpty("ErrorCode"));
            return WebhookResponse.ok("");
        } catch (MalformedInputException e) {
            log.info("event=sms_status_rejected status={} reason=\"{}\"", e.httpStatus(), e.getMessage());
            return WebhookResponse.error(e.httpStatus(), e.getMessage());
        } catch (StoreUnavailableException e) {
            return WebhookResponse.error(503, "temporarily unavailable, retry later");
        } catch (RuntimeException e) {
            log.error("event=sms_status_failed", e);
            return WebhookResponse.error(500, "internal error");
        }
    }
}
