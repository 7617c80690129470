package dev.concierge.channel;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of {@link InboundHandler} for tests: files each message in its thread's conversation or a
 * new one, remembers everything, and can be told to fail.
 */
public final class RecordingInboundHandler implements InboundHandler {
    private final List<InboundMessage> messages = new ArrayList<>();
    private final List<ConversationId> conversations = new ArrayList<>();
    private final List<String> optOutEvents = new ArrayList<>();
    private volatile boolean failing;
    private int next = 1;

    @Override
    public synchronized ConversationId onMessage(InboundMessage message) {
        if (failing) {
            throw new IllegalStateException("store down (test)");
        }
        ConversationId c = message.thread().orElseGet(() -> new ConversationId("c-test-" + next++));
        messages.add(message);
        conversations.add(c);
        return c;
    }

    @Override
    public synchronized void onOptOutChanged(Identity who, boolean optedOut) {
        optOutEvents.add(who.value() + (optedOut ? " out" : " in"));
    }

    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    public synchronized List<InboundMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<ConversationId> conversations() {
        return List.copyOf(conversations);
    }

    public synchronized List<String> optOutEvents() {
        return List.copyOf(optOutEvents);
    }
}
