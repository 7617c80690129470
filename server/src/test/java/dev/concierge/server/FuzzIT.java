package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every public endpoint, generated from a fixed seed so a failure replays: malformed JSON,
 * invalid UTF-8, deep nesting, huge and wrongly typed fields, path traversal, forged signatures. Nothing may
 * answer 5xx and the server must stay up.
 */
class FuzzIT {
    private static final long SEED = 20261122L;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("limits.httpPerIpPerSecond", "10000", "limits.httpBurst", "10000",
                "limits.chatMessagesPerSecond", "10000", "limits.chatBurst", "10000",
                "limits.chatSignInsPerIpPerMinute", "1000000", "limits.chatSignInBurst", "1000000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noEndpointAnswers5xxToHostileBodies() throws Exception {
        Random random = new Random(SEED);
        String supervisor = server.login("supervisor");
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/api/v1/messages", "key"},
                new String[] {"POST", "/api/v1/bot/reply", "key"},
                new String[] {"POST", "/api/v1/auth/login", ""},
                new String[] {"POST", "/api/v1/admin/kb/entries", "sup"},
                new String[] {"PUT", "/api/v1/admin/kb/entries/return_7_day_no_reason", "sup"},
                new String[] {"POST", "/api/v1/admin/kb/import?format=json", "sup"},
                new String[] {"POST", "/api/v1/admin/kb/import?format=csv", "sup"},
                new String[] {"POST", "/webhooks/sms/inbound", ""},
                new String[] {"POST", "/webhooks/email/inbound", ""},
                new String[] {"POST", "/api/v1/attachments?name=../../etc/passwd", ""},
                new String[] {"GET", "/api/v1/conversations/..%2F..%2Fetc%2Fpasswd", "sup"},
                new String[] {"GET", "/api/v1/kb/suggest?q=%FF%FE", "sup"},
                new String[] {"GET", "/api/v1/admin/customers/%00/export", "sup"},
                new String[] {"GET", "/demo/order-api/v1/orders/..%2F..%2Fsecret", ""});
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            String[] endpoint = endpoints.get(i % endpoints.size());
            byte[] body = hostileBody(random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + endpoint[1]));
            if (endpoint[0].equals("GET")) {
                request.GET();
            } else {
                request.method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body));
            }
            request.header("Content-Type", random.nextBoolean() ? "application/json"
                    : random.nextBoolean() ? "application/x-www-form-urlencoded" : "multipart/form-data; boundary=x");
            if (endpoint[2].equals("key")) {
                request.header("Authorization", "Bearer " + TestServer.API_KEY);
            } else if (endpoint[2].equals("sup")) {
                request.header("Authorization", "Bearer " + supervisor);
            }
            if (endpoint[1].startsWith("/webhooks/sms")) {
                request.header("X-Twilio-Signature", "Zm9yZ2VkLXNpZ25hdHVyZQ==");
            }
            HttpResponse<String> response = server.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                failures.add(endpoint[0] + " " + endpoint[1] + " -> " + response.statusCode() + " for body "
                        + new String(body, 0, Math.min(80, body.length), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(failures).as("5xx answers to hostile input").isEmpty();
        assertThat(server.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void hostileChatFramesGetErrorsAndTheSocketKeepsWorking() {
        Random random = new Random(SEED + 1);
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello"));
            shopper.await("session");
            for (int i = 0; i < 60; i++) {
                shopper.sendRaw(new String(hostileBody(random), StandardCharsets.UTF_8));
            }
            shopper.send(Map.of("type", "message", "text", "hello"));
            assertThat(shopper.await(f -> "message".equals(f.path("type").asText())
                    && "bot".equals(f.path("from").asText()), "a bot answer after the noise")).isNotNull();
        }
    }

    private static byte[] hostileBody(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "{".repeat(2000).getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, '{', '}'};
            case 2 -> ("{\"customerId\":\"u1\",\"text\":\"" + "长".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"customerId\":[1,2],\"text\":{\"a\":1},\"locale\":7}".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{\"entries\":[{\"id\":\"../../x\",\"questions\":{\"zh\":[null]},\"answers\":5}]}"
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> "MessageSid=SM1&From=%ZZ&Body=%C3%28&NumMedia=-1".getBytes(StandardCharsets.UTF_8);
            case 6 -> "--x\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\n<>\r\n--".getBytes(StandardCharsets.UTF_8);
            case 7 -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                yield noise;
            }
            case 8 -> "{\"type\":\"message\",\"text\":\"\\ud800\",\"attachments\":[\"../../etc/passwd\"]}"
                    .getBytes(StandardCharsets.UTF_8);
            default -> "null".getBytes(StandardCharsets.UTF_8);
        };
    }
}
