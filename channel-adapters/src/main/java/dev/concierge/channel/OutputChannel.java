package dev.concierge.channel;

import dev.concierge.core.channel.Channel;

/**
 * Sends replies on one channel. A channel implements {@link #sendText}; richer sends fall back to text by
 * default (quick replies as a numbered list, images as links), so a text-only channel is one method. Calls
 * block on network I/O: run them on a worker thread. Implementations are thread-safe.
 */
public interface OutputChannel {

    Channel channel();

    /** Sends exactly the text of {@code message} (already plain), once, without retrying. */
    SendResult sendText(OutboundMessage message) throws DeliveryException;

    /** Sends a message with whatever it carries; override to use native buttons or media. */
    default SendResult send(OutboundMessage message) throws DeliveryException {
        return sendText(message.asPlainText());
    }
}
