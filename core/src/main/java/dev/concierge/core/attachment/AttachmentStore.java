package dev.concierge.core.attachment;

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
}
