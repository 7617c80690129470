package dev.concierge.redis.conversation;

import dev.concierge.core.contract.ConversationStoreContract;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisConversationStoreIT implements ConversationStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("conv");
    private ConversationStore store;

    @BeforeEach
    void connect() {
        store = new RedisConversationStore(redis.client(), redis.keys(), new RedisJson());
    }

    @Override
    public ConversationStore store() {
        return store;
    }
}
