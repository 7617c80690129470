package dev.concierge.core.attachment;

import java.util.Objects;

/** The bytes of an attachment with what is needed to serve them back safely. */
public record StoredFile(String name, String contentType, byte[] content) {
    public StoredFile {
        Objects.requireNonNull(content, "content");
        name = name == null || name.isBlank() ? "attachment" : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }
}
