package dev.concierge.core.attachment;

import dev.concierge.core.customer.CustomerId;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of an attachment with what is needed to serve them back safely.
 *
 * @param uploader the customer who uploaded it through the chat upload, who alone may send it in a message; null
 *                 for files the server stored itself (e-mail attachments, already part of their message)
 */
public record StoredFile(String name, String contentType, byte[] content, CustomerId uploader) {
    public StoredFile {
        Objects.requireNonNull(content, "content");
        name = name == null || name.isBlank() ? "attachment" : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        content = content.clone();
    }

    /** A file no customer uploaded (stored by the server with the message it came in). */
    public StoredFile(String name, String contentType, byte[] content) {
        this(name, contentType, content, null);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    /** Whether {@code customer} uploaded it (so may send it in a message). */
    public boolean uploadedBy(CustomerId customer) {
        return Optional.ofNullable(uploader).map(u -> u.equals(customer)).orElse(false);
    }
}
