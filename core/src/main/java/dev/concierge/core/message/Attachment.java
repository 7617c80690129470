package dev.concierge.core.message;

import java.util.Objects;

/**
 * A file that came with a message (a photo of a defect, an email attachment). The bytes live in an
 * attachment store; the message carries only this reference.
 *
 * @param reference where the bytes are: a store key or, for provider media, the provider's URL
 */
public record Attachment(String name, String contentType, long sizeBytes, String reference) {
    public Attachment {
        Objects.requireNonNull(reference, "reference");
        name = name == null || name.isBlank() ? "attachment" : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0");
        }
    }
}
