package dev.concierge.core;

/** The backing store (Redis) cannot be reached. Callers must fail the request, never fall back silently. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
