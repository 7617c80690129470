package dev.concierge.channel;

/** A send failed. {@code retryable} says whether trying again later may succeed (429, 5xx, timeouts). */
public final class DeliveryException extends Exception {
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, true, cause);
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, null);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
