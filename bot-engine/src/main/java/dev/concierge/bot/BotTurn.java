package dev.concierge.bot;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.Message;
import java.util.List;
import java.util.Objects;

/**
 * One customer message as the bot sees it, with what it needs to decide: who, on which channel, and the
 * conversation so far.
 *
 * @param localeHint the customer's preferred language if known ("zh" / "en"), else null
 * @param history    earlier messages of the conversation, oldest first (not including this one)
 */
public record BotTurn(ConversationId conversationId, Customer customer, Channel channel, String text,
        List<Attachment> attachments, String localeHint, List<Message> history) {

    public BotTurn {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(channel, "channel");
        text = text == null ? "" : text;
        attachments = List.copyOf(attachments);
        history = List.copyOf(history);
    }
}
