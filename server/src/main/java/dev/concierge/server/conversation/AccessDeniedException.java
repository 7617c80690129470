package dev.concierge.server.conversation;

/** The caller may not read or act on this conversation (not assigned to them, not their team). */
public final class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
