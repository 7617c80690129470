package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Floods get 429 with Retry-After (HTTP) or a rate_limited frame (chat), and the server keeps serving. */
class RateLimitIT {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("limits.httpPerIpPerSecond", "1", "limits.httpBurst", "3",
                "limits.chatMessagesPerSecond", "0.5", "limits.chatBurst", "2",
                "limits.chatSignInsPerIpPerMinute", "1", "limits.chatSignInBurst", "3"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void httpFloodGets429WithRetryAfter() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(server.post("/api/v1/bot/reply", "{\"customerId\":\"u1\",\"text\":\"hi\"}",
                    Map.of("Authorization", "Bearer " + TestServer.API_KEY)));
        }
        assertThat(responses.get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = responses.get(5);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(TestServer.json(limited.body()).path("error").path("code").asText()).isEqualTo("rate_limited");
        assertThat(server.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void chatFloodGetsRateLimitedFrames() {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello"));
            shopper.await("session");
            for (int i = 0; i < 4; i++) {
                shopper.send(Map.of("type", "message", "text", "hello " + i));
            }
            assertThat(shopper.awaitError("rate_limited").path("retryAfterSeconds").asLong()).isPositive();
        }
    }

    @Test
    void oneAddressCannotOpenAnonymousChatsWithoutEnd() {
        // each socket without a resume token makes a new customer: three, then rate_limited
        for (int i = 0; i < 3; i++) {
            try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
                shopper.send(Map.of("type", "message", "text", "hi " + i, "id", "m" + i));
                shopper.await("ack");
            }
        }
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "message", "text", "one more", "id", "m9"));
            JsonNode limited = shopper.awaitError("rate_limited");
            assertThat(limited.path("retryAfterSeconds").asLong()).isPositive();
            assertThat(limited.path("id").asText()).isEqualTo("m9");
        }
    }
}
