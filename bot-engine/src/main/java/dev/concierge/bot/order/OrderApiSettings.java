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

    public static final String ENV_URL = "CONCIERGE_ORDER_API_URL";
    public static final String ENV_AUTH = "CONCIERGE_ORDER_API_AUTH";
    public static final String ENV_TIMEOUT_MS = "CONCIERGE_ORDER_API_TIMEOUT_MS";
    public static final String ENV_CONNECT_TIMEOUT_MS = "CONCIERGE_ORDER_API_CONNECT_TIMEOUT_MS";

    /**
     * From environment variables ({@value #ENV_URL}, {@value #ENV_AUTH} = the whole Authorization header value,
     * {@value #ENV_TIMEOUT_MS}, {@value #ENV_CONNECT_TIMEOUT_MS}), each optional.
     *
     * @param defaultBaseUrl used when {@value #ENV_URL} is unset, e.g. the embedded demo's
     *                       {@code http://127.0.0.1:<port>/demo/order-api/v1}
     * @throws IllegalArgumentException naming the variable when a value is invalid
     */
    public static OrderApiSettings fromEnvironment(java.util.Map<String, String> env, String defaultBaseUrl) {
        String url = env.getOrDefault(ENV_URL, "");
        return new OrderApiSettings(URI.create(url.isBlank() ? defaultBaseUrl : url.strip()), env.get(ENV_AUTH),
                millis(env, ENV_CONNECT_TIMEOUT_MS), millis(env, ENV_TIMEOUT_MS));
    }

    private static Duration millis(java.util.Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms <= 0) {
                throw new IllegalArgumentException(name + " must be a positive number of milliseconds, got " + value);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, got " + value, e);
        }
    }

    /** Defaults: 500 ms connect, 2 s per request, no auth. */
    public static OrderApiSettings of(String baseUrl) {
        return new OrderApiSettings(URI.create(baseUrl), "", null, null);
    }
}
