package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The REST channel is request/response: whatever was stored for the customer since the last response (an agent's
 * replies, the close) comes with the next one, once. Before, an agent's replies to a REST customer went nowhere.
 */
class RestChannelIT extends MemoryServerTest {
    private static final Map<String, String> KEY = Map.of("Authorization", "Bearer " + TestServer.API_KEY);

    private JsonNode post(String customer, String text) {
        return restMessage(customer, text, "en");
    }

    @Test
    void anAgentsRepliesReachARestCustomerWithTheirNextRequestOnce() {
        try (WsClient agent = onlineAgent(server.login("agent-1"))) {
            JsonNode first = post("rest-1", "I need a human agent please");
            assertThat(replyTexts(first, "bot")).hasSize(1);
            String conversationId = agent.await("offer").path("conversationId").asText();
            agent.send(Map.of("type", "accept", "conversationId", conversationId));
            agent.await("assigned");
            agent.send(Map.of("type", "message", "conversationId", conversationId, "text", "Hi, Sam here. How can I help?"));
            agent.await("ack");

            JsonNode second = post("rest-1", "hello?");
            assertThat(second.path("status").asText()).isEqualTo("assigned");
            assertThat(replyTexts(second, "agent")).containsExactly("Hi, Sam here. How can I help?");
            assertThat(replyTexts(second, "bot")).isEmpty(); // the first answer is not carried again

            agent.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
            agent.await("closed");
            JsonNode third = post("rest-1", "thanks");
            // the close and the survey question of the closed conversation, then the answer to "thanks"
            assertThat(third.path("replies").size()).isGreaterThan(1);
            assertThat(replyTexts(third, "agent")).isEmpty();
            JsonNode fourth = post("rest-1", "bye");
            assertThat(replyTexts(fourth, "system")).isEmpty();
        }
    }

    @Test
    void aCustomerFirstMetOverRestTakesTheLanguageOfTheirMessage() throws Exception {
        Map<String, String> supervisor = Map.of("Authorization", "Bearer " + server.login("supervisor"));
        HttpResponse<String> first = server.post("/api/v1/messages",
                "{\"customerId\":\"rest-en\",\"text\":\"where is my parcel?\"}", KEY);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode export = TestServer.json(server.get("/api/v1/admin/customers/rest-en/export", supervisor).body());
        assertThat(export.path("customer").path("locale").asText()).isEqualTo("en"); // it was zh
    }

    @Test
    void aNumberPicksThatQuickReplyOfTheBotsLastMessage() {
        JsonNode clarify = restMessage("rest-num", "什么时候能退款", "zh");
        assertThat(clarify.path("decision").path("action").asText()).isEqualTo("clarify");
        String first = clarify.path("decision").path("quickReplies").get(0).asText();
        // "1" read as goodbye, and a second digit handed the shopper to an agent
        JsonNode picked = restMessage("rest-num", "1", "zh");
        assertThat(picked.path("decision").path("action").asText()).isEqualTo("answer");
        assertThat(replyTexts(picked, "bot")).noneMatch(t -> t.contains("再见"));
        assertThat(first).isNotBlank();
    }
}
