package dev.concierge.channel;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer message as every inbound channel delivers it, after verification, parsing, normalisation and
 * de-duplication.
 *
 * @param sender            who wrote it (phone or email), normalised: the server resolves the customer from it
 * @param text              the text to classify: for email, quoted history and signature already removed
 * @param providerMessageId the provider's id (MessageSid, Message-ID): already de-duplicated, kept for audit
 * @param threadHint        the conversation threading found (email In-Reply-To / reply token), or null
 * @param localeHint        a locale the channel guessed ("zh", "en"), or "" when unknown
 * @param metadata          channel facts worth storing on the core Message (subject, to, original length, ...)
 */
public record InboundMessage(Channel channel, Identity sender, String text, List<InboundAttachment> attachments,
        String providerMessageId, ConversationId threadHint, String localeHint, Map<String, String> metadata,
        Instant receivedAt) {

    /** Metadata key: the name the sender gave (an email's From display name), for a new customer's profile. */
    public static final String SENDER_NAME = "sender.name";

    public InboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receivedAt, "receivedAt");
        text = text == null ? "" : text;
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        if (providerMessageId == null || providerMessageId.isBlank()) {
            throw new IllegalArgumentException("providerMessageId is required");
        }
        localeHint = localeHint == null ? "" : localeHint;
        metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
        if (text.isBlank() && attachments.isEmpty()) {
            throw new IllegalArgumentException("an inbound message needs text or an attachment");
        }
    }

    public Optional<ConversationId> thread() {
        return Optional.ofNullable(threadHint);
    }
}
