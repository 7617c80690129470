package dev.concierge.core.message;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message in a conversation, in either direction.
 *
 * @param senderId  who wrote it: a customer id, an agent id, or "bot"
 * @param metadata  channel facts worth keeping (provider message id, email Message-ID, quick replies, ...)
 */
public record Message(
        MessageId id,
        ConversationId conversationId,
        Channel channel,
        Direction direction,
        SenderRole senderRole,
        String senderId,
        String text,
        List<Attachment> attachments,
        Instant at,
        Map<String, String> metadata) {

    /** Upper bound for one message's text, in characters; channels enforce their own lower limits. */
    public static final int MAX_TEXT_CHARS = 32_000;

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(senderRole, "senderRole");
        Objects.requireNonNull(at, "at");
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("text longer than " + MAX_TEXT_CHARS + " characters");
        }
        senderId = senderId == null ? senderRole.wireName() : senderId;
        attachments = List.copyOf(attachments);
        metadata = Map.copyOf(metadata);
        if (text.isBlank() && attachments.isEmpty()) {
            throw new IllegalArgumentException("a message needs text or an attachment");
        }
    }

    public static Message inbound(ConversationId conversation, Channel channel, String customerId, String text,
            List<Attachment> attachments, Instant at) {
        return new Message(MessageId.random(), conversation, channel, Direction.INBOUND, SenderRole.CUSTOMER,
                customerId, text, attachments, at, Map.of());
    }

    public static Message outbound(ConversationId conversation, Channel channel, SenderRole role, String senderId,
            String text, Instant at) {
        return new Message(MessageId.random(), conversation, channel, Direction.OUTBOUND, role, senderId, text,
                List.of(), at, Map.of());
    }

    public Message withMetadata(Map<String, String> extra) {
        var merged = new java.util.LinkedHashMap<>(metadata);
        merged.putAll(extra);
        return new Message(id, conversationId, channel, direction, senderRole, senderId, text, attachments, at,
                merged);
    }
}
