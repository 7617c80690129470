package dev.concierge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.server.config.ConciergeConfig;
import dev.concierge.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts the real server on a free port for a test, with in-memory or Redis state. */
final class TestServer implements AutoCloseable {
    static final String API_KEY = "concierge-demo-integration-key";
    static final String DEMO_PASSWORD = "concierge-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Application app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Application app) {
        this.app = app;
    }

    static TestServer memory() {
        return start(Map.of());
    }

    static TestServer redis(String url, String namespace) {
        return start(Map.of("store.type", "redis", "store.redisUrl", url, "store.namespace", namespace));
    }

    static TestServer start(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.host", "127.0.0.1");
        overrides.put("server.port", "0");
        overrides.put("server.shutdownGraceSeconds", "2");
        overrides.put("server.workerThreads", "4");
        overrides.putAll(extra);
        ConciergeConfig config = new ConfigLoader().load(null, Map.of(), overrides);
        return new TestServer(Application.start(config, Clock.systemUTC()));
    }

    int port() {
        return app.port();
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A POST with a body of raw bytes (invalid UTF-8, say). */
    HttpResponse<String> postBytes(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> delete(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10)).DELETE();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Logs an agent in over HTTP and returns the bearer token. */
    String login(String agent) {
        HttpResponse<String> response = post("/api/v1/auth/login",
                "{\"username\":\"" + agent + "\",\"password\":\"" + DEMO_PASSWORD + "\"}", Map.of());
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).path("token").asText();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
