package dev.concierge.server.conversation;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.MessageId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer message as a channel hands it over, already parsed and validated.
 *
 * @param messageId a stable id when the channel has one (provider id, client id) so retries are stored once;
 *                  null to generate one
 * @param thread    the conversation the channel threaded this message to (email replies), or null
 */
public record Inbound(CustomerId customer, Channel channel, String text, List<Attachment> attachments,
        String localeHint, MessageId messageId, Map<String, String> metadata, ConversationId thread) {

    public Inbound(CustomerId customer, Channel channel, String text, List<Attachment> attachments, String localeHint,
            MessageId messageId, Map<String, String> metadata) {
        this(customer, channel, text, attachments, localeHint, messageId, metadata, null);
    }

    public Inbound {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        text = text == null ? "" : text.strip();
        attachments = List.copyOf(attachments);
        metadata = Map.copyOf(metadata);
        if (text.isEmpty() && attachments.isEmpty()) {
            throw new IllegalArgumentException("a message needs text or an attachment");
        }
    }
}
