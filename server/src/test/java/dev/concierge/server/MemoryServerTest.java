package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh server on in-memory state for each test. */
abstract class MemoryServerTest {
    protected TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.memory();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** A REST channel message ({@code POST /api/v1/messages}, 200 expected): the response. */
    protected JsonNode restMessage(String customer, String text, String locale) {
        HttpResponse<String> response = server.post("/api/v1/messages", "{\"customerId\":\"" + customer
                + "\",\"text\":\"" + text + "\",\"locale\":\"" + locale + "\"}",
                Map.of("Authorization", "Bearer " + TestServer.API_KEY));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response.body());
    }

    /** The texts of a REST response's replies from {@code from} (bot, agent, system), in order. */
    protected static List<String> replyTexts(JsonNode response, String from) {
        List<String> texts = new ArrayList<>();
        response.path("replies").forEach(r -> {
            if (from.equals(r.path("from").asText())) {
                texts.add(r.path("text").asText());
            }
        });
        return texts;
    }

    /** An agent socket signed in with {@code token} and online. */
    protected WsClient onlineAgent(String token) {
        WsClient agent = WsClient.connect(server.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token));
        agent.await("welcome");
        agent.send(Map.of("type", "presence", "status", "online"));
        agent.await("presence");
        return agent;
    }

    /** An English shopper asks for a person and {@code agent}, the only one online, accepts: the conversation id. */
    protected static String handedOver(WsClient agent, WsClient shopper) {
        shopper.send(Map.of("type", "hello", "locale", "en"));
        shopper.await("session");
        shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
        String conversationId = agent.await("offer").path("conversationId").asText();
        agent.send(Map.of("type", "accept", "conversationId", conversationId));
        agent.await("assigned");
        return conversationId;
    }
}
