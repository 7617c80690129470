package dev.concierge.core.conversation;

import dev.concierge.core.Ids;
import java.util.UUID;

public record ConversationId(String value) {
    public ConversationId {
        Ids.requireSafe(value, "conversation id");
    }

    public static ConversationId random() {
        return new ConversationId("c-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
