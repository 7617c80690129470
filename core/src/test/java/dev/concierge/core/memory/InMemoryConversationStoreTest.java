package dev.concierge.core.memory;

import dev.concierge.core.contract.ConversationStoreContract;
import dev.concierge.core.conversation.ConversationStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryConversationStoreTest implements ConversationStoreContract {
    private ConversationStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryConversationStore();
    }

    @Override
    public ConversationStore store() {
        return store;
    }
}
