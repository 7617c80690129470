package dev.concierge.server.http;

/** Client input we refuse, with a stable machine-readable code for the error frame or response. */
public final class BadRequestException extends RuntimeException {
    private final String code;

    public BadRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
