package dev.concierge.channel;

import dev.concierge.core.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The test double: remembers what would have been sent, in order. Thread-safe. */
public final class CollectingOutputChannel implements OutputChannel {
    private final Channel channel;
    private final List<OutboundMessage> sent = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public CollectingOutputChannel(Channel channel) {
        this.channel = channel;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public synchronized SendResult sendText(OutboundMessage message) {
        sent.add(message);
        return SendResult.sent("collected-" + ids.incrementAndGet());
    }

    public synchronized List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<String> texts() {
        return sent.stream().map(OutboundMessage::text).toList();
    }

    public synchronized void clear() {
        sent.clear();
    }
}
