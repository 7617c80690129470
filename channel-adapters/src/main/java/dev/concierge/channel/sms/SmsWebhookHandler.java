package dev.concierge.channel.sms;

import dev.concierge.channel.FormFields;
import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.InboundHandler;
import dev.concierge.channel.InboundMessage;
import dev.concierge.channel.LocaleHint;
import dev.concierge.channel.MalformedInputException;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.Ids;
import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/sms/inbound}: verifies the provider's signature, parses and de-duplicates the message,
 * answers STOP/START/HELP itself (in the TwiML response) and hands everything else to the {@link
 * InboundHandler}. Blocks on the stores: call it on a worker thread. Never throws.
 */
public final class SmsWebhookHandler {
    private static final Logger log = LoggerFactory.getLogger(SmsWebhookHandler.class);
    static final String DEDUPE_SCOPE = "sms-inbound";
    static final Duration DEDUPE_TTL = Duration.ofHours(48);
    /** Held while the message is being stored; {@link #DEDUPE_TTL} once it is. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    static final int MAX_BODY_CHARS = 4_000;
    static final int MAX_MEDIA = 10;
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final SmsSettings settings;
    private final SmsSignatureVerifier verifier;
    private final IdempotencyStore dedupe;
    private final OptOutStore optOuts;
    private final InboundHandler inbound;
    private final Clock clock;
    private final SmsReplies replies;

    public SmsWebhookHandler(SmsSettings settings, IdempotencyStore dedupe, OptOutStore optOuts,
            InboundHandler inbound, Clock clock) {
        this.settings = settings;
        this.verifier = new SmsSignatureVerifier(settings.authToken());
        this.dedupe = dedupe;
        this.optOuts = optOuts;
        this.inbound = inbound;
        this.clock = clock;
        this.replies = SmsReplies.defaults();
    }

    public WebhookResponse handle(WebhookRequest request) {
        try {
            return handleVerified(request);
        } catch (MalformedInputException e) {
            log.info("event=sms_inbound_rejected status={} reason=\"{}\"", e.httpStatus(), e.getMessage());
            return WebhookResponse.error(e.httpStatus(), e.getMessage());
        } catch (StoreUnavailableException e) {
            log.error("event=sms_inbound_store_unavailable error=\"{}\"", e.getMessage());
            return WebhookResponse.error(503, "temporarily unavailable, retry later");
        } catch (RuntimeException e) {
            log.error("event=sms_inbound_failed", e);
            return WebhookResponse.error(500, "internal error");
        }
    }

    private WebhookResponse handleVerified(WebhookRequest request) throws MalformedInputException {
        if (!"POST".equalsIgnoreCase(request.method())) {
            return WebhookResponse.error(405, "POST only");
        }
        if (request.bodyLength() > MAX_REQUEST_BYTES) {
            throw new MalformedInputException(413, "request body too large", null);
        }
        FormFields form = FormFields.of(request);
        String url = settings.publicUrl().resolve(request.publicUrl());
        if (!verifier.verify(url, form.asMap(), request.header(SmsSignatureVerifier.HEADER).orElse(null))) {
            log.warn("event=sms_signature_rejected remote={}", request.remoteAddress());
            return WebhookResponse.error(403, "invalid signature");
        }
        String sid = form.first("MessageSid").orElseThrow(() -> new MalformedInputException("MessageSid missing"));
        if (!Ids.isSafe(sid)) {
            throw new MalformedInputException("MessageSid malformed");
        }
        Identity from = phone(form.first("From").orElseThrow(() -> new MalformedInputException("From missing")));
        String body = form.firstOrEmpty("Body");
        if (body.length() > MAX_BODY_CHARS) {
            throw new MalformedInputException(413, "Body longer than " + MAX_BODY_CHARS + " characters", null);
        }
        List<InboundAttachment> media = media(form);
        if (body.isBlank() && media.isEmpty()) {
            throw new MalformedInputException("Body and media both empty");
        }
        if (!dedupe.claim(DEDUPE_SCOPE, sid, CLAIM_LEASE)) {
            log.info("event=sms_inbound_duplicate message_sid={}", sid);
            return WebhookResponse.emptyTwiml();
        }
        try {
            var keyword = media.isEmpty() ? SmsKeyword.of(body) : java.util.Optional.<SmsKeyword>empty();
            if (keyword.isPresent() && SmsKeyword.isConversational(body) && !optOuts.isOptedOut(Channel.SMS, from)) {
                keyword = java.util.Optional.empty(); // "yes" answers the bot unless the number is opted out
            }
            if (keyword.isPresent()) {
                WebhookResponse answered = answerKeyword(keyword.get(), body, from, sid);
                keep(sid);
                return answered;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("sms.to", form.firstOrEmpty("To"));
            meta.put("sms.message_sid", sid);
            InboundMessage message = new InboundMessage(Channel.SMS, from, body.strip(), media, sid, null,
                    LocaleHint.of(body), meta,
                    clock.instant());
            var conversation = inbound.onMessage(message);
            keep(sid);
            try (ConversationLog.Scope ignored = ConversationLog.scope(conversation)) {
                log.info("event=sms_inbound_accepted message_sid={}", sid);
            }
            return WebhookResponse.emptyTwiml();
        } catch (RuntimeException e) {
            dedupe.release(DEDUPE_SCOPE, sid); // let the provider's retry in
            log.error("event=sms_inbound_not_stored message_sid={} error=\"{}\"", sid, e.toString());
            return WebhookResponse.error(503, "could not store the message, retry later");
        }
    }

    private WebhookResponse answerKeyword(SmsKeyword keyword, String body, Identity from, String sid) {
        log.info("event=sms_keyword keyword={} message_sid={}", keyword, sid);
        return switch (keyword) {
            case STOP -> {
                if (optOuts.optOut(Channel.SMS, from)) {
                    inbound.onOptOutChanged(from, true);
                    yield twiml(replies.to(keyword, body, true));
                }
                yield WebhookResponse.emptyTwiml(); // already opted out: one confirmation only
            }
            case START -> {
                if (optOuts.optIn(Channel.SMS, from)) {
                    inbound.onOptOutChanged(from, false);
                }
                yield twiml(replies.to(keyword, body, false));
            }
            // always answered, opted out or not (carrier rules): it says how to opt back in
            case HELP -> twiml(replies.to(keyword, body, optOuts.isOptedOut(Channel.SMS, from)));
        };
    }

    private static WebhookResponse twiml(String text) {
        return new WebhookResponse(200, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Message>" + xmlEscape(text) + "</Message></Response>");
    }

    static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Identity phone(String raw) throws MalformedInputException {
        try {
            return Identity.phone(raw);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("From is not a phone number");
        }
    }

    private static List<InboundAttachment> media(FormFields form) throws MalformedInputException {
        int n;
        try {
            n = Integer.parseInt(form.first("NumMedia").orElse("0").strip());
        } catch (NumberFormatException e) {
            throw new MalformedInputException("NumMedia is not a number");
        }
        if (n < 0 || n > MAX_MEDIA) {
            throw new MalformedInputException("NumMedia out of range");
        }
        List<InboundAttachment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String url = form.first("MediaUrl" + i).orElseThrow(() -> new MalformedInputException("media URL missing"));
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw new MalformedInputException("media URL is not http(s)");
            }
            out.add(InboundAttachment.media(url, form.firstOrEmpty("MediaContentType" + i)));
        }
        return out;
    }

    /** The message is stored: its claim now lasts {@link #DEDUPE_TTL} (the store's message id dedupes it anyway). */
    private void keep(String sid) {
        try {
            dedupe.keep(DEDUPE_SCOPE, sid, DEDUPE_TTL);
        } catch (RuntimeException e) {
            log.warn("event=sms_dedupe_not_extended message_sid={} error=\"{}\"", sid, e.toString());
        }
    }
}
