package dev.concierge.channel;

import java.util.Objects;

/** What a webhook handler answers; the server writes it out unchanged. */
public record WebhookResponse(int status, String contentType, String body) {

    public WebhookResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad HTTP status " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? "" : body;
    }

    public static WebhookResponse ok(String text) {
        return new WebhookResponse(200, "text/plain; charset=utf-8", text);
    }

    /** An empty TwiML document: the provider sends nothing back on its own; replies go out of band. */
    public static WebhookResponse emptyTwiml() {
        return new WebhookResponse(200, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>");
    }

    public static WebhookResponse error(int status, String message) {
        if (status < 400) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        return new WebhookResponse(status, "text/plain; charset=utf-8", message);
    }

    public boolean isSuccess() {
        return status < 300;
    }
}
