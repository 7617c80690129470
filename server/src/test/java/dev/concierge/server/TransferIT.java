package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A transfer to a named agent needs them online; otherwise the sender keeps the conversation and is told why. */
class TransferIT extends MemoryServerTest {

    @Test
    void aTransferToAnAbsentColleagueIsRefusedAndTheConversationStays() {
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = handedOver(agent, shopper);

            // agent-2 has not signed in: the transfer was accepted and the shopper waited for nobody
            agent.send(Map.of("type", "transfer", "conversationId", conversationId, "toAgent", "agent-2"));
            JsonNode refused = agent.awaitError("conflict");
            assertThat(refused.path("message").asText()).contains("agent-2 is offline", "team");
            // still theirs: a reply goes through
            agent.send(Map.of("type", "message", "conversationId", conversationId, "id", "a-1", "text", "Still here."));
            assertThat(agent.await("ack").path("conversationId").asText()).isEqualTo(conversationId);

            try (WsClient colleague = WsClient.connect(server.port(), "/ws/agent",
                    Map.of("Authorization", "Bearer " + server.login("agent-2")))) {
                colleague.await("welcome");
                colleague.send(Map.of("type", "presence", "status", "away"));
                colleague.await("presence");
                agent.send(Map.of("type", "transfer", "conversationId", conversationId, "toAgent", "agent-2"));
                assertThat(agent.awaitError("conflict").path("message").asText()).contains("agent-2 is away");

                colleague.send(Map.of("type", "presence", "status", "online"));
                colleague.await("presence");
                agent.send(Map.of("type", "transfer", "conversationId", conversationId, "toAgent", "agent-2"));
                agent.await("transferred");
                assertThat(colleague.await("offer").path("conversationId").asText()).isEqualTo(conversationId);
            }
        }
    }
}
