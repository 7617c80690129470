package dev.concierge.channel;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;

/**
 * Implemented by the server: receives every normalised inbound message. Channels call it on the thread that
 * handles the webhook or SMTP session (a worker thread, never an event loop), so it may block briefly on
 * stores, but it must not run the bot inline: it files the message durably and returns; the reply goes out
 * later through an {@link OutputChannel}.
 */
public interface InboundHandler {

    /**
     * Files the message (resolve or create the customer, pick or create the conversation — {@code
     * message.threadHint()} first — store it, queue the bot) and returns the conversation it went to, so that
     * channels can remember threading facts for it.
     *
     * @throws RuntimeException when the message could not be stored; the channel then answers 503 (or an
     *                          SMTP 451) and forgets the de-duplication key, so the provider's retry gets in
     */
    ConversationId onMessage(InboundMessage message);

    /** A customer opted out of ({@code optedOut}) or back into a channel by keyword. Default: nothing. */
    default void onOptOutChanged(Identity who, boolean optedOut) {
    }
}
