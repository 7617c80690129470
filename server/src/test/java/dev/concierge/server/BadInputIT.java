package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input on every endpoint gets a clear error and leaves the server up. */
class BadInputIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chatSocketRejectsMalformedFramesAndKeepsWorking() {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.sendRaw("this is not json");
            shopper.awaitError("invalid_json");
            shopper.sendRaw("[1,2,3]");
            shopper.awaitError("invalid_json");
            shopper.sendRaw("{\"type\":\"dance\"}");
            shopper.awaitError("unknown_type");
            shopper.sendRaw("{\"text\":\"no type\"}");
            shopper.awaitError("missing_field");
            shopper.sendRaw("{\"type\":5}"); // a type of the wrong JSON type: it was missing_field
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":null}");
            shopper.awaitError("missing_field");
            shopper.sendRaw("{\"type\":\"message\"}");
            shopper.awaitError("missing_field");
            shopper.sendRaw("{\"type\":\"message\",\"text\":42}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"message\",\"text\":\"hi\",\"id\":7}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"quick_reply\",\"value\":{\"a\":1}}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"quick_reply\"}");
            // the field the frame lacks: it named 'text', which a quick_reply does not have
            assertThat(shopper.awaitError("missing_field").path("message").asText())
                    .isEqualTo("a quick_reply needs a non-empty string 'value'");
            shopper.sendRaw("{\"type\":\"message\",\"text\":\"" + "长".repeat(5000) + "\"}");
            shopper.awaitError("text_too_long");
            shopper.sendRaw("{\"type\":\"message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            shopper.awaitError("frame_too_large");
            shopper.sendRaw("{\"type\":\"hello\",\"locale\":\"fr\"}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"hello\",\"locale\":5}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"hello\",\"customerId\":123}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("{\"type\":\"hello\",\"customerId\":\"../../etc/passwd\"}");
            shopper.awaitError("invalid_field");
            shopper.sendRaw("[".repeat(100) + "]".repeat(100));
            shopper.awaitError("invalid_json");
            // valid JSON escapes that are no character: stored as "?" before
            shopper.sendRaw("{\"type\":\"message\",\"text\":\"\\ud800 broken\"}");
            shopper.awaitError("invalid_encoding");
            shopper.sendBinary(new byte[] {1, 2, 3});
            shopper.awaitError("unsupported_frame");
            // Still serving: a real message gets a bot answer.
            shopper.send(Map.of("type", "message", "text", "hello"));
            assertThat(shopper.await("message").path("from").asText()).isEqualTo("bot");
        }
    }

    @Test
    void aFrameBeyondFourTimesTheLimitClosesTheSocket() {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.sendRaw("{\"type\":\"message\",\"text\":\"" + "x".repeat(300_000) + "\"}");
            assertThat(shopper.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesTheSocketWith1007() throws Exception {
        try (RawWebSocket raw = new RawWebSocket(server.port(), "/ws/chat")) {
            // "长" is E9 95 BF: split across two fragments, it still arrives whole.
            byte[] ping = "{\"type\":\"ping\",\"note\":\"长\"}".getBytes(StandardCharsets.UTF_8);
            int cut = "{\"type\":\"ping\",\"note\":\"".length() + 1;
            raw.frame(RawWebSocket.TEXT, false, Arrays.copyOfRange(ping, 0, cut));
            raw.frame(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(ping, cut, ping.length));
            assertThat(raw.readText()).contains("\"pong\"");
            byte[] broken = "{\"type\":\"message\",\"text\":\"hi ?\"}".getBytes(StandardCharsets.UTF_8);
            broken[broken.length - 3] = (byte) 0xC3; // a lead byte with no continuation byte after it
            raw.frame(RawWebSocket.TEXT, true, broken);
            assertThat(raw.awaitClose()).isEqualTo(1007);
        }
        try (RawWebSocket raw = new RawWebSocket(server.port(), "/ws/agent")) {
            raw.frame(RawWebSocket.TEXT, true, new byte[] {'{', (byte) 0xFF, '}'});
            assertThat(raw.awaitClose()).isEqualTo(1007);
        }
    }

    @Test
    void agentSocketRefusesEverythingBeforeAuthentication() {
        try (WsClient agent = WsClient.connect(server.port(), "/ws/agent")) {
            agent.send(Map.of("type", "accept", "conversationId", "c-1"));
            agent.awaitError("unauthenticated");
            agent.send(Map.of("type", "auth", "token", "forged-token"));
            agent.awaitError("unauthenticated");
            agent.sendRaw("not json");
            agent.awaitError("invalid_json");
        }
        try (WsClient agent = WsClient.connect(server.port(), "/ws/agent")) {
            for (int i = 0; i < 5; i++) {
                agent.send(Map.of("type", "message", "conversationId", "c-1", "text", "hi"));
            }
            assertThat(agent.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void authenticatedAgentCannotActOnConversationsItDoesNotHold() {
        String token = server.login("agent-2");
        try (WsClient agent = WsClient.connect(server.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token))) {
            agent.await("welcome");
            agent.send(Map.of("type", "message", "conversationId", "c-does-not-exist", "text", "hi"));
            agent.awaitError("not_found");
            agent.send(Map.of("type", "accept", "conversationId", "c-nobody-offered"));
            agent.awaitError("offer_not_found");
            agent.send(Map.of("type", "close", "conversationId", "c-1", "disposition", "DROP TABLE"));
            agent.awaitError("invalid_field");
            agent.send(Map.of("type", "presence", "status", "sleeping"));
            agent.awaitError("invalid_field");
            agent.send(Map.of("type", "accept"));
            agent.awaitError("missing_field");
            agent.send(Map.of("type", "message", "conversationId", "c-1", "text", 5));
            agent.awaitError("invalid_field");
        }
    }

    @Test
    void unknownWebSocketPathIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WsClient.connect(server.port(), "/ws/other"))
                .rootCause().hasMessageContaining("404");
    }

    @Test
    void restEndpointsAnswerBadRequestsWithJsonErrors() {
        Map<String, String> key = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        assertError(server.post("/api/v1/messages", "not json", key), 400, "invalid_json");
        assertError(server.post("/api/v1/messages", "", key), 400, "invalid_json");
        assertError(server.post("/api/v1/messages", "{\"text\":\"hi\"}", key), 400, "missing_field");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"\\udc00x\"}", key), 400,
                "invalid_encoding");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u 1\",\"text\":\"hi\"}", key), 400,
                "invalid_field");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":[1]}", key), 400,
                "invalid_field");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"hi\",\"messageId\":12}",
                key), 400, "invalid_field");
        assertError(server.get("/api/v1/messages", key), 405, "method_not_allowed");
        // which text did the sender mean? The last one was kept without a word
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"hi\",\"text\":\"bye\"}",
                key), 400, "invalid_json");
        // a byte-order mark in front of the object is allowed by RFC 8259; it was "must be a JSON object"
        assertThat(server.post("/api/v1/bot/reply", "\uFEFF{\"customerId\":\"u1\",\"text\":\"hi\"}", key)
                .statusCode()).isEqualTo(200);
        assertError(server.get("/api/v1/no-such-thing", key), 404, "not_found");
        // limits count characters as a person does: an emoji is one (two UTF-16 units)
        assertThat(server.post("/api/v1/bot/reply", "{\"customerId\":\"u1\",\"text\":\"" + "😀".repeat(2100) + "\"}",
                key).statusCode()).isEqualTo(200);
        assertError(server.post("/api/v1/bot/reply", "{\"customerId\":\"u1\",\"text\":\"" + "😀".repeat(4001) + "\"}",
                key), 400, "field_too_long");
        byte[] invalidUtf8 = "{\"customerId\":\"u1\",\"text\":\"hi \u00ff\u00fe\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertError(server.postBytes("/api/v1/messages", invalidUtf8, key), 400, "invalid_encoding");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"hi\",\"locale\":\"de\"}", key),
                400, "invalid_field");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"" + "x".repeat(70_000)
                + "\"}", key), 413, "body_too_large");
        assertError(server.post("/api/v1/messages", "{\"customerId\":\"u1\",\"text\":\"hi\"}", Map.of()), 401,
                "unauthenticated");
        assertError(server.post("/api/v1/bot/reply", "{\"customerId\":\"u1\",\"text\":\"hi\"}",
                Map.of("Authorization", "Bearer wrong-key-wrong-key")), 401, "unauthenticated");
        assertError(server.post("/api/v1/auth/login", "{\"username\":\"agent-1\",\"password\":\"nope\"}", Map.of()),
                401, "invalid_credentials");
        assertError(server.post("/api/v1/auth/login", "{\"username\":\"agent-1\"}", Map.of()), 400, "missing_field");
        assertError(server.get("/api/v1/conversations/c-1", Map.of()), 401, "unauthenticated");
        assertError(server.get("/api/v1/conversations/c-1", Map.of("Authorization", "Bearer nope")), 401,
                "unauthenticated");
        assertError(server.get("/nowhere", Map.of()), 404, "not_found");
        // percent-escapes that are not UTF-8 were decoded to U+FFFD and searched for
        String supervisor = server.login("supervisor");
        Map<String, String> sup = Map.of("Authorization", "Bearer " + supervisor);
        assertError(server.get("/api/v1/kb/suggest?q=%FF%FE", sup), 400, "invalid_encoding");
        assertError(server.get("/api/v1/conversations/c%C3%28", sup), 400, "invalid_encoding");
        assertThat(server.get("/api/v1/kb/suggest?q=%E9%80%80%E6%AC%BE", sup).statusCode()).isEqualTo(200);
        assertThat(server.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        Map<String, String> key = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        assertThat(server.post("/api/v1/messages", "{\"customerId\":\"metrics-1\",\"text\":\"I want a human\"}",
                key).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = server.get("/health/ready", Map.of());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> head = server.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/health/ready"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200); // it was 405
        assertThat(TestServer.json(ready.body()).path("status").asText()).isEqualTo("UP");
        HttpResponse<String> metrics = server.get("/metrics", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains("# TYPE", "jvm_memory_used_bytes", "concierge_chat_sockets",
                "concierge_bot_decisions_total{action=\"handoff\"}", "concierge_handoffs_total{reason=\"human_request\"}");
    }

    @Test
    void aPathWithABrokenPercentEscapeIsAJsonBadRequest() throws Exception {
        // java.net.http refuses to send such a URI: written by hand. It was Vert.x's plain-text "Bad Request" and an
        // ERROR line with a stack trace per request, for anyone to fill the logs with
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/conversations/%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/json").contains("\"invalid_request\"");
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = TestServer.json(response.body());
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
    }
}
