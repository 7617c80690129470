package dev.concierge.channel.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds multipart/form-data bodies the way an inbound-parse provider posts them. */
final class MultipartForm {
    private final String boundary = "----form" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartForm field(String name, String value) {
        return raw("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: text/plain; charset=utf-8",
                value.getBytes(StandardCharsets.UTF_8));
    }

    MultipartForm rawField(String name, String contentType, byte[] value) {
        return raw("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: " + contentType, value);
    }

    MultipartForm file(String name, String fileName, String type, byte[] content) {
        return raw("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type, content);
    }

    private MultipartForm raw(String headers, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    byte[] body() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }
}
