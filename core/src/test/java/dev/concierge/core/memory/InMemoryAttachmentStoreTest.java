package dev.concierge.core.memory;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.contract.AttachmentStoreContract;

class InMemoryAttachmentStoreTest implements AttachmentStoreContract {
    private final AttachmentStore attachments = new InMemoryAttachmentStore();

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }
}
