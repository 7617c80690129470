package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent with the desk open in two tabs (two sockets, one session) sees the same work in both. */
class AgentTabsIT extends MemoryServerTest {

    @Test
    void theOtherTabShowsTheConversationTheFirstAccepted() {
        String token = server.login("agent-1");
        try (WsClient tab1 = onlineAgent(token);
                WsClient tab2 = onlineAgent(token);
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "en"));
            shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
            String conversationId = tab1.await("offer").path("conversationId").asText();
            assertThat(tab2.await("offer").path("conversationId").asText()).isEqualTo(conversationId);

            tab1.send(Map.of("type", "accept", "conversationId", conversationId));
            assertThat(tab1.await("assigned").path("context").path("conversationId").asText()).isEqualTo(conversationId);
            // tab 2 kept the offer on screen until its countdown ended, and dropped the shopper's messages
            JsonNode other = tab2.await("assigned");
            assertThat(other.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(other.path("context").path("transcript").toString()).contains("I need a human agent please");

            // one frame per tab, not two on the tab that accepted
            tab1.send(Map.of("type", "ping"));
            tab1.await("pong");
            assertThat(tab1.poll("assigned")).isNull();
        }
    }

    @Test
    void whatOneTabClosesLeavesTheOtherToo() {
        String token = server.login("agent-1");
        try (WsClient tab1 = onlineAgent(token);
                WsClient tab2 = onlineAgent(token);
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(tab1, shopper);
            tab2.await("assigned");

            tab1.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
            assertThat(tab1.await("closed").path("conversationId").asText()).isEqualTo(conversationId);
            // tab 2 went on showing it as held, and a reply from there was refused
            assertThat(tab2.await("closed").path("conversationId").asText()).isEqualTo(conversationId);
            tab1.send(Map.of("type", "ping"));
            tab1.await("pong");
            assertThat(tab1.poll("closed")).isNull();
        }
    }

    @Test
    void aReplySentFromOneTabShowsInTheOther() {
        String token = server.login("agent-1");
        try (WsClient tab1 = onlineAgent(token);
                WsClient tab2 = onlineAgent(token);
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(tab1, shopper);
            tab2.await("assigned");

            tab1.send(Map.of("type", "message", "conversationId", conversationId, "id", "a-7",
                    "text", "Let me check that for you."));
            String stored = tab1.await("ack").path("messageId").asText();
            assertThat(stored).isEqualTo("agent-1:a-7");
            // tab 2 showed the customer's side of the conversation only
            JsonNode shown = tab2.await(f -> "message".equals(f.path("type").asText())
                    && "agent".equals(f.path("from").asText()), "the reply from tab 1");
            assertThat(shown.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(shown.path("id").asText()).isEqualTo(stored);
            assertThat(shown.path("text").asText()).isEqualTo("Let me check that for you.");

            // a resend of the same frame is stored once, and not shown again
            tab1.send(Map.of("type", "message", "conversationId", conversationId, "id", "a-7",
                    "text", "Let me check that for you."));
            tab1.await("ack");
            tab2.send(Map.of("type", "ping"));
            tab2.await("pong");
            assertThat(tab2.poll("message")).isNull();
        }
    }
}
