package dev.concierge.channel;

import java.util.Objects;

/**
 * A file that came with an inbound message: either provider media behind a URL (SMS MMS) or bytes we received
 * (email). The server stores the bytes and turns this into a core {@code Attachment}.
 *
 * @param url     the provider's media URL, or "" when {@code content} holds the bytes
 * @param content the bytes (empty for URL media)
 */
public record InboundAttachment(String name, String contentType, long sizeBytes, String url, byte[] content) {
    public InboundAttachment {
        name = name == null || name.isBlank() ? "attachment" : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        url = url == null ? "" : url;
        content = content == null ? new byte[0] : content.clone();
        if (url.isEmpty() && content.length == 0) {
            throw new IllegalArgumentException("an attachment needs a url or content");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0");
        }
        Objects.requireNonNull(name);
    }

    public static InboundAttachment media(String url, String contentType) {
        return new InboundAttachment(null, contentType, 0, url, null);
    }

    public static InboundAttachment bytes(String name, String contentType, byte[] content) {
        return new InboundAttachment(name, contentType, content.length, null, content);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
