package dev.concierge.bot.order;

import java.util.Objects;

/** What the demo order service answers: an HTTP status and a JSON body (content type application/json). */
public record DemoOrderResponse(int status, String body) {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    public DemoOrderResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(body, "body");
    }
}
