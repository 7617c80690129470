package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which desk sockets hear of an assignment: the holder's, and nobody else's. */
class AgentDeskIT extends MemoryServerTest {

    @Test
    void aSupervisorIsNotToldOfAnotherAgentsAssignment() {
        try (WsClient supervisor = onlineAgent(server.login("supervisor"));
                WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);

            // frames are written in order: once the pong is back, an `assigned` sent meanwhile would be here too
            supervisor.send(Map.of("type", "ping"));
            supervisor.await("pong");
            // the desk treats `assigned` as "I now hold it": the supervisor's desk filled with others' conversations
            assertThat(supervisor.poll("assigned")).as("an assigned frame for agent-1's conversation " + conversationId)
                    .isNull();
        }
    }

    @Test
    void aSupervisorWhoAcceptsGetsOneAssignedFrameWithTheCard() {
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);
            try (WsClient supervisor = onlineAgent(server.login("supervisor"))) {
                agent.send(Map.of("type", "escalate", "conversationId", conversationId, "note", "refund beyond policy"));
                supervisor.await("offer");
                supervisor.send(Map.of("type", "accept", "conversationId", conversationId));
                JsonNode assigned = supervisor.await("assigned");
                // the frame without a card came first, and the desk kept the empty card
                assertThat(assigned.path("context").path("conversationId").asText()).isEqualTo(conversationId);
                supervisor.send(Map.of("type", "ping"));
                supervisor.await("pong");
                assertThat(supervisor.poll("assigned")).isNull();
            }
        }
    }
}
