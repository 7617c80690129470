package dev.concierge.core.memory;

import dev.concierge.core.bus.MessageBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One node: publishing calls the subscribers directly, on the publisher's thread. */
public final class InMemoryMessageBus implements MessageBus {
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String payload) {
        for (Consumer<String> handler : subscribers.getOrDefault(topic, List.of())) {
            handler.accept(payload);
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> handler) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> subscribers.getOrDefault(topic, List.of()).remove(handler);
    }

    @Override
    public void close() {
        subscribers.clear();
    }
}
