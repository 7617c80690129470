package dev.concierge.channel;

/** Inbound input we refuse (bad encoding, broken MIME, missing field, too large). Becomes a 4xx / SMTP 5xx. */
public class MalformedInputException extends Exception {
    private final int httpStatus;

    public MalformedInputException(String message) {
        this(400, message, null);
    }

    public MalformedInputException(int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
