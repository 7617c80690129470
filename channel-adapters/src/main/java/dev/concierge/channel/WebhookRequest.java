package dev.concierge.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the webhook handlers see it, independent of the HTTP framework. The server converts its
 * framework's request into this record and the returned {@link WebhookResponse} back.
 *
 * @param publicUrl     the URL the caller used, including the query string (the SMS signature covers it); the
 *                      handlers replace scheme/host/port by the configured public base URL, so proxies are fine
 * @param headers       header names are matched case-insensitively
 * @param formParams    already decoded form fields; may be empty when {@code body} holds the raw form instead
 * @param body          the raw body (never null; empty when the server already decoded the form)
 */
public record WebhookRequest(String method, String publicUrl, Map<String, List<String>> headers,
        Map<String, List<String>> formParams, byte[] body, String contentType, String remoteAddress) {

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(publicUrl, "publicUrl");
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        }
        headers = java.util.Collections.unmodifiableMap(h);
        TreeMap<String, List<String>> f = new TreeMap<>();
        if (formParams != null) {
            formParams.forEach((k, v) -> f.put(k, List.copyOf(v)));
        }
        formParams = java.util.Collections.unmodifiableMap(f);
        body = body == null ? new byte[0] : body.clone();
        contentType = contentType == null ? "" : contentType;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The media type without parameters, lower case ("multipart/form-data"). */
    public String mediaType() {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Avoids copying large bodies when only the size matters. */
    public int bodyLength() {
        return body.length;
    }
}
