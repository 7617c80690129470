package dev.concierge.redis.conversation;

import dev.concierge.core.contract.ConversationStoreContract;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisConversationStoreIT implements ConversationStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private ConversationStore store;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("conv");
        store = new RedisConversationStore(redis, new RedisKeys(namespace), new RedisJson());
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public ConversationStore store() {
        return store;
    }
}
