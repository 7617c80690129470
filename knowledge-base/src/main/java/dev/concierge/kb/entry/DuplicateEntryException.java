package dev.concierge.kb.entry;

/** Creating an entry whose id already exists. The server maps it to HTTP 409. */
public final class DuplicateEntryException extends RuntimeException {
    private final String entryId;

    public DuplicateEntryException(String entryId) {
        super("a knowledge-base entry with id '" + entryId + "' already exists");
        this.entryId = entryId;
    }

    public String entryId() {
        return entryId;
    }
}
