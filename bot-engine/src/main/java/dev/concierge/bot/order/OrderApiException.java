package dev.concierge.bot.order;

/** The order API could not do what was asked; {@link Kind} says whether a human should take over. */
public final class OrderApiException extends RuntimeException {

    /** NOT_FOUND: no such order (or no refund); REJECTED: not allowed in the order's state; UNAVAILABLE: backend failure. */
    public enum Kind { NOT_FOUND, REJECTED, UNAVAILABLE }

    private final Kind kind;

    public OrderApiException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OrderApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
