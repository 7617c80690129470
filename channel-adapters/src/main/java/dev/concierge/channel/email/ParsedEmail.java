package dev.concierge.channel.email;

import dev.concierge.channel.InboundAttachment;
import java.util.List;
import java.util.Objects;

/**
 * An inbound mail after MIME (or webhook form) parsing, before normalisation.
 *
 * @param fromName      the sender's display name from the From header ("Alice Zhang"), "" when there is none
 * @param messageId     without angle brackets; "" when the mail had none
 * @param recipients    every To/Cc/envelope address (the reply token may be in any of them)
 * @param autoSubmitted true for auto-replies (out-of-office, bounces): never answered, to avoid mail loops
 * @param fingerprint   a digest of the content, the de-duplication key when there is no Message-ID
 */
public record ParsedEmail(String from, String fromName, List<String> recipients, String subject, String messageId,
        String inReplyTo, List<String> references, String text, String html, List<InboundAttachment> attachments,
        boolean autoSubmitted, String fingerprint) {

    public ParsedEmail {
        Objects.requireNonNull(from, "from");
        fromName = fromName == null ? "" : fromName.strip();
        recipients = List.copyOf(recipients);
        subject = subject == null ? "" : subject;
        messageId = messageId == null ? "" : messageId;
        inReplyTo = inReplyTo == null ? "" : inReplyTo;
        references = List.copyOf(references);
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
