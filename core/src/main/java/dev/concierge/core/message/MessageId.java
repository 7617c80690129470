package dev.concierge.core.message;

import dev.concierge.core.Ids;
import java.util.UUID;

public record MessageId(String value) {
    public MessageId {
        Ids.requireSafe(value, "message id");
    }

    public static MessageId random() {
        return new MessageId("m-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
