package dev.concierge.core.attachment;

import dev.concierge.core.customer.CustomerId;
import java.util.Optional;

/**
 * Attachment bytes (a photo of a defect, an email attachment), referenced from messages by the id this store
 * returns. Ids are unguessable, but reading still goes through the server's authorisation of the conversation.
 */
public interface AttachmentStore {

    /** Stores the file and returns its reference ("att-..."). */
    String put(StoredFile file);

    Optional<StoredFile> get(String reference);

    void delete(String reference);

    /**
     * Deletes every file {@code customer} uploaded, sent in a message or not (erasure of their data: a photo
     * uploaded and never sent is referenced from no transcript).
     *
     * @return how many files were deleted
     */
    int deleteUploadsOf(CustomerId customer);
}
