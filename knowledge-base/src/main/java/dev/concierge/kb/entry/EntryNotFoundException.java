package dev.concierge.kb.entry;

/** No entry has this id. The server maps it to HTTP 404. */
public final class EntryNotFoundException extends RuntimeException {
    private final String entryId;

    public EntryNotFoundException(String entryId) {
        super("no knowledge-base entry with id '" + entryId + "'");
        this.entryId = entryId;
    }

    public String entryId() {
        return entryId;
    }
}
