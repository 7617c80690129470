package dev.concierge.core.memory;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.customer.CustomerId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAttachmentStore implements AttachmentStore {
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

    @Override
    public String put(StoredFile file) {
        String reference = "att-" + UUID.randomUUID();
        files.put(reference, file);
        return reference;
    }

    @Override
    public Optional<StoredFile> get(String reference) {
        return Optional.ofNullable(files.get(reference));
    }

    @Override
    public void delete(String reference) {
        files.remove(reference);
    }

    @Override
    public int deleteUploadsOf(CustomerId customer) {
        int removed = 0;
        for (Map.Entry<String, StoredFile> e : files.entrySet()) {
            if (e.getValue().uploadedBy(customer) && files.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
