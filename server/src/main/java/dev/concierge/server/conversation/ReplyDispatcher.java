package dev.concierge.server.conversation;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;

/**
 * Sends a bot or agent message to the customer on the conversation's channel (web chat sockets, SMS, email).
 * The message is already in the transcript when this is called.
 */
public interface ReplyDispatcher {

    void deliver(Customer customer, Conversation conversation, Message message);
}
