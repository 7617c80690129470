package dev.concierge.kb.admin;

/** What a successful bulk import changed. */
public record ImportReport(ImportMode mode, int created, int updated, int deleted, int total) {
}
