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
    void anEscalationLeavesTheBoardOnceASupervisorTookIt() {
        String supervisorToken = server.login("supervisor");
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);
            try (WsClient supervisor = onlineAgent(supervisorToken)) {
                agent.send(Map.of("type", "escalate", "conversationId", conversationId, "note", "refund beyond policy"));
                agent.await("escalated");
                supervisor.await(f -> "offer".equals(f.path("type").asText())
                        && conversationId.equals(f.path("conversationId").asText()), "the escalated offer");
                assertThat(escalationsOnTheBoard(supervisorToken)).contains(conversationId);

                supervisor.send(Map.of("type", "accept", "conversationId", conversationId));
                supervisor.await("assigned");
                assertThat(escalationsOnTheBoard(supervisorToken)).doesNotContain(conversationId);

                try (WsClient colleague = onlineAgent(server.login("agent-2"))) {
                    supervisor.send(Map.of("type", "transfer", "conversationId", conversationId, "toAgent", "agent-2"));
                    supervisor.await("transferred");
                    JsonNode offer = colleague.await(f -> "offer".equals(f.path("type").asText())
                            && conversationId.equals(f.path("conversationId").asText()), "the transferred offer");
                    // the note stays on the card, where it helps
                    assertThat(offer.path("context").path("handoff").path("escalationNote").asText())
                            .isEqualTo("refund beyond policy");
                    colleague.send(Map.of("type", "accept", "conversationId", conversationId));
                    colleague.await("assigned");
                    // it was listed under escalations for as long as the conversation lasted
                    assertThat(escalationsOnTheBoard(supervisorToken)).doesNotContain(conversationId);
                }
            }
        }
    }

    private String escalationsOnTheBoard(String supervisorToken) {
        java.net.http.HttpResponse<String> live = server.get("/api/v1/reports/live",
                Map.of("Authorization", "Bearer " + supervisorToken));
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        return TestServer.json(live.body()).path("escalations").toString();
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
