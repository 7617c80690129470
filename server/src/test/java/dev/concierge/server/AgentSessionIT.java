package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Logging out ends the agent's open sockets (an action is refused at once, an idle socket is closed soon after) and
 * hands the conversations they hold back to the queue.
 */
class AgentSessionIT extends MemoryServerTest {

    private void logout(String token) {
        assertThat(server.post("/api/v1/auth/logout", "", Map.of("Authorization", "Bearer " + token)).statusCode())
                .isEqualTo(204);
    }

    @Test
    void anActionAfterLogoutClosesTheSocket() {
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token)) {
            logout(token);
            agent.send(Map.of("type", "presence", "status", "away"));
            assertThat(agent.awaitError("unauthenticated").path("message").asText()).contains("session has ended");
            assertThat(agent.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void anIdleSocketIsClosedAfterLogout() {
        String token = server.login("agent-2");
        try (WsClient agent = WsClient.connect(server.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token))) {
            agent.await("welcome");
            logout(token);
            // the periodic check (every 5 s) ends it without any frame from the agent
            assertThat(agent.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void signingOutHandsHeldConversationsToAColleague() {
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token);
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);

            try (WsClient colleague = onlineAgent(server.login("agent-2"))) {
                logout(token);
                shopper.await(f -> "message".equals(f.path("type").asText())
                        && f.path("text").asText().contains("signed off"), "the sign-off notice");
                com.fasterxml.jackson.databind.JsonNode offer = colleague.await(f -> "offer".equals(f.path("type")
                        .asText()) && conversationId.equals(f.path("conversationId").asText()), "the handed-back offer");
                assertThat(offer.path("context").path("handoff").path("transferredFrom").asText()).isEqualTo("agent-1");
            }
        }
    }

    @Test
    void signingOutAloneLeavesTheConversationQueuedNotOfferedBackToThem() {
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token);
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            handedOver(agent, shopper);
            logout(token);
            shopper.await(f -> "message".equals(f.path("type").asText())
                    && f.path("text").asText().contains("signed off"), "the sign-off notice");
            assertThat(agent.awaitClose()).isEqualTo(1008);
            // it was offered straight back to the agent who had just signed out
            assertThat(agent.poll("offer")).isNull();
        }
    }

    @Test
    void signingOutWithAWrongTokenSaysSo() {
        assertThat(server.post("/api/v1/auth/logout", "", Map.of("Authorization", "Bearer not-a-session"))
                .statusCode()).isEqualTo(401);
    }
}
