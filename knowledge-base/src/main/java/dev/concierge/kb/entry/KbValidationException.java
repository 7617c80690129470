package dev.concierge.kb.entry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when one or more entries (or an import file) are invalid. Nothing has been written when this
 * is thrown. The server maps it to HTTP 400 and returns {@link #errors()}.
 */
public final class KbValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public KbValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public KbValidationException(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one error");
        }
        String shown = errors.stream().limit(5).map(FieldError::toString).collect(Collectors.joining("; "));
        return errors.size() > 5 ? shown + "; ... (" + errors.size() + " errors)" : shown;
    }
}
