package dev.concierge.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads customers' data back through {@code GET /api/v1/admin/customers/{id}/export} as the benchmarks' supervisor,
 * with the JDK's blocking client. An answer that is not the export fails loudly: it must never read as a
 * customer with nothing stored.
 */
final class Exports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String token;

    private Exports(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** Signs in as the supervisor of {@link LoadBench#configYaml}. */
    static Exports signIn(int port) throws IOException, InterruptedException {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"load-supervisor\",\"password\":\""
                        + LoadBench.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("supervisor log-in answered " + login.statusCode());
        }
        return new Exports(port, JSON.readTree(login.body()).path("token").asText());
    }

    JsonNode of(String customerId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/admin/customers/" + customerId + "/export")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode export = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (export == null || !export.has("customer")) {
            throw new IllegalStateException("the export of " + customerId + " answered " + response.statusCode()
                    + " with " + response.body().length() + " characters");
        }
        return export;
    }

    /** How often each customer message id occurs in the export's transcripts. */
    static Map<String, Integer> customerMessages(JsonNode export) {
        return count(export, "customer", "id");
    }

    /** How many bot replies answer each customer message id ({@code inReplyTo}). */
    static Map<String, Integer> botReplies(JsonNode export) {
        return count(export, "bot", "inReplyTo");
    }

    private static Map<String, Integer> count(JsonNode export, String from, String field) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode c : export.path("conversations")) {
            for (JsonNode m : c.path("transcript")) {
                if (from.equals(m.path("from").asText()) && m.hasNonNull(field)) {
                    counts.merge(m.path(field).asText(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
