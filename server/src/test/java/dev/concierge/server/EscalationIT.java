package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent hands a conversation on: escalated to a supervisor, who is offered it, or refused to an unknown team. */
class EscalationIT extends MemoryServerTest {

    @Test
    void escalationReachesASupervisorAndTheShopperIsTold() {
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);

            try (WsClient supervisor = onlineAgent(server.login("supervisor"))) {
                agent.send(Map.of("type", "escalate", "conversationId", conversationId,
                        "note", "asks for compensation beyond policy"));
                agent.await("escalated");
                JsonNode offer = supervisor.await(f -> "offer".equals(f.path("type").asText())
                        && conversationId.equals(f.path("conversationId").asText()), "the escalated offer");
                assertThat(offer.path("context").path("handoff").path("escalationNote").asText())
                        .isEqualTo("asks for compensation beyond policy");
                JsonNode notice = shopper.await(f -> "message".equals(f.path("type").asText())
                        && f.path("text").asText().contains("supervisor"), "the escalation notice");
                assertThat(notice.path("from").asText()).isEqualTo("system");
            }
        }
    }

    @Test
    void aTransferToATeamNobodyIsInIsRefusedAndTheAgentKeepsTheConversation() {
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);

            agent.send(Map.of("type", "transfer", "conversationId", conversationId, "toTeam", "no_such_team"));
            assertThat(agent.awaitError("not_found").path("message").asText()).contains("no team");
            agent.send(Map.of("type", "message", "conversationId", conversationId, "id", "k1", "text", "still here"));
            assertThat(agent.await("ack").path("id").asText()).isEqualTo("k1");
            shopper.await(f -> "still here".equals(f.path("text").asText()), "the agent's reply");
        }
    }
}
