package dev.concierge.kb.entry;

import java.util.Objects;

/**
 * One validation problem: which entry (its id, or {@code #index} when the id itself is missing)
 * and which field, as a JSON-path-like string such as {@code questions.zh[2]}.
 */
public record FieldError(String entry, String field, String message) {
    public FieldError {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return entry + " " + field + ": " + message;
    }
}
