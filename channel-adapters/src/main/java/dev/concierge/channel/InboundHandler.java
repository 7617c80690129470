package dev.concierge.channel;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.util.function.Consumer;

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

    /**
     * As {@link #onMessage(InboundMessage)}, calling {@code filed} with the conversation once the message is stored
     * and before the bot is queued, so that what the channel records for the conversation (email threading: the
     * sender's Message-ID, the subject) is in place before a reply can be sent; recorded after {@code onMessage}
     * returned, a quick answer could go out without it. {@code filed} must not throw. The default calls it after
     * {@code onMessage}: right for handlers that never answer (tests).
     */
    default ConversationId onMessage(InboundMessage message, Consumer<ConversationId> filed) {
        ConversationId conversation = onMessage(message);
        filed.accept(conversation);
        return conversation;
    }

    /** A customer opted out of ({@code optedOut}) or back into a channel by keyword. Default: nothing. */
    default void onOptOutChanged(Identity who, boolean optedOut) {
    }
}
