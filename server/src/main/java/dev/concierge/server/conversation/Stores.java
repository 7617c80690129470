package dev.concierge.server.conversation;

import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.CustomerStore;
import java.util.Objects;

/** The two stores every conversation operation needs, passed together. */
public record Stores(ConversationStore conversations, CustomerStore customers) {
    public Stores {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(customers, "customers");
    }
}
