package dev.concierge.channel.email;

import dev.concierge.channel.FormFields;
import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.MalformedInputException;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.core.StoreUnavailableException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/email/inbound}: a provider's inbound-parse webhook (multipart/form-data or urlencoded;
 * fields {@code from}, {@code to}, {@code subject}, {@code text}, {@code html}, {@code headers} (raw header
 * block), optional {@code Message-Id}/{@code In-Reply-To}/{@code References}, files as attachments) signed
 * Mailgun-style ({@code timestamp}, {@code token}, {@code signature}). Stale timestamps (over 5 minutes off)
 * and replayed tokens are refused. Blocks on stores. Never throws.
 */
public final class EmailWebhookHandler {
    private static final Logger log = LoggerFactory.getLogger(EmailWebhookHandler.class);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final String TOKEN_SCOPE = "email-webhook-token";

    private final EmailSettings settings;
    private final EmailWebhookSignature signature;
    private final IdempotencyStore replayTokens;
    private final EmailInbound inbound;
    private final Clock clock;

    public EmailWebhookHandler(EmailSettings settings, IdempotencyStore replayTokens, EmailInbound inbound,
            Clock clock) {
        if (!settings.webhookEnabled()) {
            throw new IllegalArgumentException("email webhook disabled (" + EmailSettings.ENV_WEBHOOK_KEY + " not set)");
        }
        this.settings = settings;
        this.signature = new EmailWebhookSignature(settings.webhookKey());
        this.replayTokens = replayTokens;
        this.inbound = inbound;
        this.clock = clock;
    }

    public WebhookResponse handle(WebhookRequest request) {
        String token = null;
        try {
            if (!"POST".equalsIgnoreCase(request.method())) {
                return WebhookResponse.error(405, "POST only");
            }
            if (request.bodyLength() > settings.maxMessageBytes()) {
                return WebhookResponse.error(413, "request larger than " + settings.maxMessageBytes() + " bytes");
            }
            Form form = parseForm(request);
            String ts = form.field("timestamp");
            token = form.field("token");
            if (!signature.verify(ts, token, form.field("signature"))) {
                log.warn("event=email_webhook_signature_rejected remote={}", request.remoteAddress());
                return WebhookResponse.error(403, "invalid signature");
            }
            long seconds;
            try {
                seconds = Long.parseLong(ts.strip());
            } catch (NumberFormatException e) {
                return WebhookResponse.error(403, "invalid timestamp");
            }
            Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
            if (age.compareTo(MAX_AGE) > 0) {
                return WebhookResponse.error(403, "stale timestamp");
            }
            if (!replayTokens.claim(TOKEN_SCOPE, token, MAX_AGE.multipliedBy(3))) {
                return WebhookResponse.error(403, "replayed token");
            }
            try {
                EmailInbound.Outcome outcome = inbound.accept(toEmail(form));
                return WebhookResponse.ok(outcome.name().toLowerCase(java.util.Locale.ROOT));
            } catch (MalformedInputException e) {
                throw e; // refused content: the token stays used, a retry would be refused the same way
            } catch (RuntimeException e) {
                replayTokens.release(TOKEN_SCOPE, token); // the provider retries the same signed request
                throw e;
            }
        } catch (MalformedInputException e) {
            log.info("event=email_webhook_rejected status={} reason=\"{}\"", e.httpStatus(), e.getMessage());
            return WebhookResponse.error(e.httpStatus(), e.getMessage());
        } catch (StoreUnavailableException e) {
            return WebhookResponse.error(503, "temporarily unavailable, retry later");
        } catch (RuntimeException e) {
            log.error("event=email_webhook_failed", e);
            return WebhookResponse.error(503, "could not store the message, retry later");
        }
    }

    /** Fields and files of the request. */
    private record Form(Map<String, String> fields, List<InboundAttachment> files) {
        String field(String name) {
            return fields.get(name);
        }

        String fieldOrEmpty(String... names) {
            for (String n : names) {
                String v = fields.get(n);
                if (v != null) {
                    return v;
                }
            }
            return "";
        }
    }

    private Form parseForm(WebhookRequest request) throws MalformedInputException {
        String mt = request.mediaType();
        if (mt.equals("multipart/form-data")) {
            return parseMultipart(request);
        }
        if (mt.equals("application/x-www-form-urlencoded") || (mt.isEmpty() && request.bodyLength() == 0)) {
            FormFields f = FormFields.of(request);
            Map<String, String> fields = new HashMap<>();
            f.asMap().forEach((k, v) -> fields.put(k, v.isEmpty() ? "" : v.get(0)));
            return new Form(fields, List.of());
        }
        throw new MalformedInputException(415, "expected multipart/form-data or a urlencoded form", null);
    }

    private Form parseMultipart(WebhookRequest request) throws MalformedInputException {
        try {
            MimeMultipart mp = new MimeMultipart(new ByteArrayDataSource(request.body(), request.contentType()));
            Map<String, String> fields = new HashMap<>();
            List<InboundAttachment> files = new ArrayList<>();
            int count = mp.getCount();
            if (count > 200) {
                throw new MalformedInputException("too many form parts");
            }
            for (int i = 0; i < count; i++) {
                BodyPart part = mp.getBodyPart(i);
                String[] cd = part.getHeader("Content-Disposition");
                if (cd == null || cd.length == 0) {
                    throw new MalformedInputException("form part without Content-Disposition");
                }
                ContentDisposition disposition = new ContentDisposition(cd[0]);
                String name = disposition.getParameter("name");
                String fileName = disposition.getParameter("filename");
                if (name == null) {
                    throw new MalformedInputException("form part without a name");
                }
                if (fileName != null) {
                    byte[] bytes = MimeEmailParser.readBounded(part.getInputStream(), settings.maxAttachmentBytes(),
                            "attachment larger than " + settings.maxAttachmentBytes() + " bytes");
                    if (bytes.length > 0) {
                        String type = part.getContentType() == null ? null
                                : new ContentType(part.getContentType()).getBaseType();
                        files.add(InboundAttachment.bytes(MimeUtility.decodeText(fileName), type, bytes));
                    }
                } else {
                    String charset = part.getContentType() == null ? null
                            : new ContentType(part.getContentType()).getParameter("charset");
                    byte[] bytes = MimeEmailParser.readBounded(part.getInputStream(), settings.maxMessageBytes(),
                            "field too large");
                    fields.put(name, MimeEmailParser.decodeStrict(bytes, charset));
                }
            }
            return new Form(fields, files);
        } catch (MessagingException | IOException e) {
            throw new MalformedInputException(400, "malformed multipart body: " + e.getMessage(), e);
        }
    }

    private ParsedEmail toEmail(Form form) throws MalformedInputException {
        InternetHeaders headers = new InternetHeaders();
        String raw = form.fieldOrEmpty("headers", "message-headers-raw");
        if (!raw.isBlank()) {
            try {
                headers = new InternetHeaders(new ByteArrayInputStream(
                        (raw.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
            } catch (MessagingException e) {
                throw new MalformedInputException("malformed headers field");
            }
        }
        String fromField = form.fieldOrEmpty("from", "sender");
        if (fromField.isBlank()) {
            fromField = header(headers, "From");
        }
        if (fromField.isBlank()) {
            throw new MalformedInputException("from missing");
        }
        String from;
        String fromName;
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(fromField, false);
            if (parsed.length == 0 || parsed[0].getAddress() == null) {
                throw new MalformedInputException("from has no address");
            }
            from = parsed[0].getAddress();
            fromName = parsed[0].getPersonal();
        } catch (AddressException e) {
            throw new MalformedInputException("from malformed");
        }
        List<String> recipients = new ArrayList<>();
        for (String to : List.of(form.fieldOrEmpty("to", "recipient"), header(headers, "To"), header(headers, "Cc"))) {
            if (!to.isBlank()) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(to, false)) {
                        if (a.getAddress() != null) {
                            recipients.add(a.getAddress());
                        }
                    }
                } catch (AddressException e) {
                    // an unreadable To only costs the reply-token fallback
                }
            }
        }
        String subject = form.fieldOrEmpty("subject");
        if (subject.isBlank()) {
            subject = decode(header(headers, "Subject"));
        }
        String messageId = firstId(form.fieldOrEmpty("Message-Id", "message-id"), header(headers, "Message-ID"));
        String inReplyTo = firstId(form.fieldOrEmpty("In-Reply-To", "in-reply-to"), header(headers, "In-Reply-To"));
        String refsField = form.fieldOrEmpty("References", "references");
        List<String> references = MessageIds.parseList(refsField.isBlank() ? header(headers, "References") : refsField);
        String auto = header(headers, "Auto-Submitted");
        boolean autoSubmitted = !auto.isBlank() && !auto.strip().equalsIgnoreCase("no");
        String text = form.fieldOrEmpty("text", "body-plain");
        String html = form.fieldOrEmpty("html", "body-html");
        String fingerprint = MimeEmailParser.fingerprint((from + "\n" + subject + "\n" + text + "\n" + html)
                .getBytes(StandardCharsets.UTF_8));
        return new ParsedEmail(from, fromName, recipients, subject, messageId, inReplyTo, references, text, html,
                form.files(), autoSubmitted, fingerprint);
    }

    private static String firstId(String field, String header) {
        List<String> ids = MessageIds.parseList(field.isBlank() ? header : field);
        return ids.isEmpty() ? "" : ids.get(0);
    }

    private static String header(InternetHeaders headers, String name) {
        String v = headers.getHeader(name, ",");
        return v == null ? "" : v;
    }

    private static String decode(String s) {
        try {
            return MimeUtility.decodeText(s);
        } catch (java.io.UnsupportedEncodingException e) {
            return s;
        }
    }
}
