package dev.concierge.kb.admin;

/** How a bulk import treats entries already in the knowledge base. */
public enum ImportMode {
    /** The file becomes the whole knowledge base; entries not in the file are deleted. */
    REPLACE_ALL,
    /** Entries in the file are added or replace the entry with the same id; others are kept. */
    MERGE
}
