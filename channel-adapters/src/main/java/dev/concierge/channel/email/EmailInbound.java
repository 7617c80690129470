package dev.concierge.channel.email;

import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.InboundHandler;
import dev.concierge.channel.InboundMessage;
import dev.concierge.channel.LocaleHint;
import dev.concierge.channel.MalformedInputException;
import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both inbound email paths (SMTP listener, webhook) share once the mail is parsed: normalise (HTML to
 * text, quoted history and signature stripped), de-duplicate by Message-ID, thread (In-Reply-To, References,
 * reply token), hand to the {@link InboundHandler}, and remember the thread. Blocks on stores.
 */
public final class EmailInbound {
    private static final Logger log = LoggerFactory.getLogger(EmailInbound.class);
    static final String DEDUPE_SCOPE = "email-inbound";
    static final Duration DEDUPE_TTL = Duration.ofDays(7);
    /** Held while the message is being stored; {@link #DEDUPE_TTL} once it is. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    /** The name of the attachment that holds the full text of a mail too long for one message. */
    static final String FULL_TEXT_FILE = "full-message.txt";

    /** What became of a mail. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        /** An auto-reply: acknowledged to the sender's server, never routed (mail loops). */
        IGNORED
    }

    private final EmailThreadStore threads;
    private final IdempotencyStore dedupe;
    private final InboundHandler inbound;
    private final Clock clock;

    public EmailInbound(EmailThreadStore threads, IdempotencyStore dedupe, InboundHandler inbound, Clock clock) {
        this.threads = threads;
        this.dedupe = dedupe;
        this.inbound = inbound;
        this.clock = clock;
    }

    /**
     * @throws MalformedInputException for mail we refuse (no usable sender, nothing to read)
     * @throws RuntimeException        when the handler could not store it; the de-duplication key is released
     *                                 so the sender's retry gets in
     */
    public Outcome accept(ParsedEmail mail) throws MalformedInputException {
        Identity sender;
        try {
            sender = Identity.email(mail.from());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("sender is not an email address");
        }
        if (mail.autoSubmitted()) {
            log.info("event=email_auto_reply_ignored message_id={}", mail.messageId());
            return Outcome.IGNORED;
        }
        String text = normalisedText(mail);
        List<InboundAttachment> attachments = mail.attachments();
        if (text.length() > Message.MAX_TEXT_CHARS) {
            // a long mail is kept whole: the transcript shows the start, marked, and the full text as a file
            log.info("event=email_text_truncated message_id={} chars={} kept={}", mail.messageId(), text.length(),
                    Message.MAX_TEXT_CHARS);
            attachments = new ArrayList<>(attachments);
            attachments.add(InboundAttachment.bytes(FULL_TEXT_FILE, "text/plain; charset=utf-8",
                    text.getBytes(StandardCharsets.UTF_8)));
            text = truncated(text);
        }
        if (text.isBlank() && attachments.isEmpty()) {
            throw new MalformedInputException(422, "mail has no text and no attachment", null);
        }
        String key = mail.messageId().isEmpty() ? "fp:" + mail.fingerprint() : mail.messageId();
        if (!dedupe.claim(DEDUPE_SCOPE, key, CLAIM_LEASE)) {
            log.info("event=email_inbound_duplicate message_id={}", key);
            return Outcome.DUPLICATE;
        }
        ConversationId thread;
        ConversationId conversation;
        try {
            thread = findThread(mail).orElse(null);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("email.subject", truncate(mail.subject(), 300));
            if (!mail.fromName().isBlank()) {
                meta.put(InboundMessage.SENDER_NAME, truncate(mail.fromName(), 100));
            }
            if (!mail.messageId().isEmpty()) {
                meta.put("email.message_id", truncate(mail.messageId(), 250));
            }
            InboundMessage message = new InboundMessage(Channel.EMAIL, sender, text, attachments, key, thread,
                    LocaleHint.of(text), meta, clock.instant());
            // the thread is recorded before the bot is queued: its reply then answers the sender's own Message-ID
            // under "Re: <their subject>", also in a conversation the mail opened
            conversation = inbound.onMessage(message, filed -> recordThread(filed, mail));
        } catch (RuntimeException e) {
            dedupe.release(DEDUPE_SCOPE, key);
            throw e;
        }
        try {
            // stored: the claim, held only briefly until now (a node dying here must not swallow the retry), lasts
            dedupe.keep(DEDUPE_SCOPE, key, DEDUPE_TTL);
        } catch (RuntimeException e) {
            log.warn("event=email_dedupe_not_extended message_id={} error=\"{}\"", key, e.toString());
        }
        try (ConversationLog.Scope ignored = ConversationLog.scope(conversation)) {
            // the server may refuse the hint (another customer's thread): then the mail was not threaded
            boolean threaded = conversation.equals(thread);
            log.info("event=email_inbound_accepted threaded={}{}", threaded,
                    thread != null && !threaded ? " thread_hint=refused" : "");
        }
        return Outcome.ACCEPTED;
    }

    /** Never throws: the message is stored, and refusing it now would make the sender retry and store it twice. */
    private void recordThread(ConversationId conversation, ParsedEmail mail) {
        try (ConversationLog.Scope ignored = ConversationLog.scope(conversation)) {
            try {
                if (!mail.messageId().isEmpty()) {
                    threads.link(conversation, mail.messageId());
                }
            } catch (RuntimeException e) {
                log.warn("event=email_thread_not_recorded error=\"{}\"", e.toString());
            }
            try {
                threads.rememberSubject(conversation, mail.subject());
            } catch (RuntimeException e) {
                log.warn("event=email_subject_not_recorded error=\"{}\"", e.toString());
            }
        }
    }

    /**
     * The start of a text longer than a message may be, with a marker saying so: {@link Message#MAX_TEXT_CHARS}
     * characters in all.
     */
    static String truncated(String text) {
        String marker = "\n\n[message truncated: " + text.length() + " characters, the full text is attached as "
                + FULL_TEXT_FILE + " / 邮件过长已截断，全文见附件 " + FULL_TEXT_FILE + "]";
        int keep = Message.MAX_TEXT_CHARS - marker.length();
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never half a character
        }
        return text.substring(0, keep) + marker;
    }

    /** The text to classify: plain part (or HTML converted), without quoted history and signature. */
    static String normalisedText(ParsedEmail mail) {
        String body = !mail.text().isBlank() ? mail.text() : HtmlToText.convert(mail.html());
        return QuotedTextStripper.strip(body);
    }

    private Optional<ConversationId> findThread(ParsedEmail mail) {
        List<String> candidates = new ArrayList<>();
        if (!mail.inReplyTo().isEmpty()) {
            candidates.add(mail.inReplyTo());
        }
        List<String> refs = new ArrayList<>(mail.references());
        java.util.Collections.reverse(refs); // newest first
        candidates.addAll(refs);
        for (String id : candidates) {
            Optional<ConversationId> c = threads.conversationOf(id);
            if (c.isPresent()) {
                return c;
            }
        }
        for (String rcpt : mail.recipients()) {
            Optional<String> token = ReplyTokens.tokenIn(rcpt);
            if (token.isPresent()) {
                Optional<ConversationId> c = threads.conversationOfToken(token.get());
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
