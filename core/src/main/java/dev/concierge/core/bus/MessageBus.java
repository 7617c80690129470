package dev.concierge.core.bus;

import java.util.function.Consumer;

/**
 * Fire-and-forget fan-out between nodes (live frames for sockets held elsewhere). At-most-once: what must not be
 * lost lives in a store; the bus only makes it appear at once. Thread-safe.
 */
public interface MessageBus extends AutoCloseable {

    void publish(String topic, String payload);

    /** Delivers every payload published on the topic (by any node, this one included) to the handler. */
    Subscription subscribe(String topic, Consumer<String> handler);

    @Override
    void close();

    /** Stops one subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
