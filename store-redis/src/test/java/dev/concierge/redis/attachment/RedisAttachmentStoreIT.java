package dev.concierge.redis.attachment;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.contract.AttachmentStoreContract;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAttachmentStoreIT implements AttachmentStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("att");
    private AttachmentStore attachments;

    @BeforeEach
    void connect() {
        attachments = new RedisAttachmentStore(redis.client(), redis.keys());
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }
}
