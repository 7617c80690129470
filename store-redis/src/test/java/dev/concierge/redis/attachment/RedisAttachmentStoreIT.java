package dev.concierge.redis.attachment;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.contract.AttachmentStoreContract;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisAttachmentStoreIT implements AttachmentStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private AttachmentStore attachments;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("att");
        attachments = new RedisAttachmentStore(redis, new RedisKeys(namespace));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }
}
