package dev.concierge.server.config;

/** The configuration cannot be used; the message says which key and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
