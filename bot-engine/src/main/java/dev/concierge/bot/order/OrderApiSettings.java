package dev.concierge.bot.order;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the order API is and how long the bot may wait for it.
 *
 * @param baseUrl        e.g. {@code http://127.0.0.1:8080/demo/order-api/v1} (no trailing slash needed)
 * @param authHeader     the Authorization header value sent with every call ("Bearer ..."), or "" for none
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout the whole budget of one call, response body included (2 s by default)
 */
public record OrderApiSettings(URI baseUrl, String authHeader, Duration connectTimeout, Duration requestTimeout) {
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

    public OrderApiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("order API base URL must be http(s): " + baseUrl);
        }
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
        authHeader = authHeader == null ? "" : authHeader;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_BUDGET : requestTimeout;
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("order API timeouts must be positive");
        }
        if (requestTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("order API request timeout above 30 s would stall the conversation");
        }
    }

    /** Defaults: 500 ms connect, 2 s per request, no auth. */
    public static OrderApiSettings of(String baseUrl) {
        return new OrderApiSettings(URI.create(baseUrl), "", null, null);
    }
}
