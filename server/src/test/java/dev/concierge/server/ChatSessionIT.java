package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shopper chat sessions: the language kept on resume, the ack before the answer. */
class ChatSessionIT extends MemoryServerTest {

    @Test
    void resumingWithTheTokenKeepsTheChosenLanguage() throws Exception {
        String customerId;
        String token;
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "en"));
            JsonNode session = shopper.await("session");
            assertThat(session.path("locale").asText()).isEqualTo("en");
            customerId = session.path("customerId").asText();
            token = session.path("token").asText();
            shopper.send(Map.of("type", "message", "id", "m1", "text", "hello"));
            assertThat(shopper.await("message").path("from").asText()).isEqualTo("bot");
        }
        try (WsClient again = WsClient.connect(server.port(), "/ws/chat")) {
            again.send(Map.of("type", "hello", "customerId", customerId, "token", token));
            JsonNode session = again.await("session");
            assertThat(session.path("resumed").asBoolean()).isTrue();
            assertThat(session.path("locale").asText()).as("was zh, the store's default").isEqualTo("en");
        }
    }

    @Test
    void aShopperWhoReconnectsWhileAnAgentIsBeingOfferedTheChatHearsTheyAreBeingConnected() {
        // the conversation is out of the queue while offered, and the router has no queue status for it: the shopper
        // got session and history and no word about the handoff
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token)) {
            String customerId;
            String shopperToken;
            try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
                shopper.send(Map.of("type", "hello", "locale", "en"));
                JsonNode session = shopper.await("session");
                customerId = session.path("customerId").asText();
                shopperToken = session.path("token").asText();
                shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
                agent.await("offer"); // not accepted
            }
            try (WsClient again = WsClient.connect(server.port(), "/ws/chat")) {
                again.send(Map.of("type", "hello", "customerId", customerId, "token", shopperToken));
                JsonNode handoff = again.await("handoff");
                assertThat(handoff.path("status").asText()).isEqualTo("queued");
                assertThat(handoff.path("position").asInt()).isZero();
                again.send(Map.of("type", "message", "text", "hello? anyone there?"));
                assertThat(again.await("handoff").path("position").asInt()).isZero();
            }
        }
    }

    @Test
    void withoutAnOpenConversationTheRememberedLanguageStillHolds() throws Exception {
        String customerId;
        String token;
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "en"));
            JsonNode session = shopper.await("session");
            customerId = session.path("customerId").asText();
            token = session.path("token").asText();
        }
        try (WsClient again = WsClient.connect(server.port(), "/ws/chat")) {
            again.send(Map.of("type", "hello", "customerId", customerId, "token", token));
            assertThat(again.await("session").path("locale").asText()).isEqualTo("en");
        }
    }

    @Test
    void everyMessageIsAcknowledgedBeforeItIsAnswered() {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "en"));
            shopper.await("session");
            for (int i = 0; i < 15; i++) { // under the per-customer rate limit (20 a minute)
                shopper.send(Map.of("type", "message", "id", "o" + i, "text", i % 2 == 0 ? "hello" : "thanks"));
                JsonNode first = shopper.await(f -> "ack".equals(f.path("type").asText())
                        || "message".equals(f.path("type").asText()), "the ack or the answer");
                assertThat(first.path("type").asText()).as("first frame for message %d", i).isEqualTo("ack");
                assertThat(first.path("id").asText()).isEqualTo("o" + i);
                shopper.await("message");
            }
        }
    }

    @Test
    void aMessageSentRightAfterHelloWaitsForTheSessionInsteadOfBeingLost() {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            // no wait for the session frame: this message got not_ready and was never stored
            shopper.send(Map.of("type", "hello", "customerId", "eager-1", "locale", "en"));
            shopper.send(Map.of("type", "message", "text", "hello", "id", "e1"));
            shopper.send(Map.of("type", "message", "text", "where is my order?", "id", "e2"));
            shopper.await("session");
            assertThat(shopper.await("ack").path("id").asText()).isEqualTo("e1");
            assertThat(shopper.await("ack").path("id").asText()).isEqualTo("e2");
            assertThat(shopper.await(f -> "bot".equals(f.path("from").asText()), "an answer")).isNotNull();
        }
    }
}
