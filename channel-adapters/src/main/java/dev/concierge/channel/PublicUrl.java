package dev.concierge.channel;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The base URL the outside world uses to reach us ({@code CONCIERGE_PUBLIC_URL}, e.g.
 * {@code https://support.example.com}). Behind a proxy the URL the server sees differs from the one the
 * provider signed; signatures are checked against this base + the request's path and query.
 */
public record PublicUrl(URI base) {
    public static final String ENV = "CONCIERGE_PUBLIC_URL";

    public PublicUrl {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException(ENV + " must be an absolute http(s) URL: " + base);
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(ENV + " must not have a query or fragment: " + base);
        }
        String s = base.toString();
        if (s.endsWith("/")) {
            base = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public static Optional<PublicUrl> fromEnvironment(Map<String, String> env) {
        return Env.get(env, ENV).map(v -> new PublicUrl(URI.create(v)));
    }

    /** This base plus the path and query of {@code requestUrl} (absolute or just "/path?query"). */
    public String resolve(String requestUrl) {
        URI u = URI.create(requestUrl);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String s = base.getScheme() + "://" + base.getRawAuthority() + (path.startsWith(basePath) ? "" : basePath)
                + path;
        return u.getRawQuery() == null ? s : s + "?" + u.getRawQuery();
    }
}
