package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The supervisor board's queue: a conversation being offered shows as position 0 with the agent offered it. */
class LiveBoardIT extends MemoryServerTest {

    @Test
    void aConversationBeingOfferedShowsWhoItIsOfferedTo() {
        try (WsClient agent = onlineAgent(server.login("agent-1"));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "en"));
            shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
            String conversationId = agent.await("offer").path("conversationId").asText();

            HttpResponse<String> live = server.get("/api/v1/reports/live",
                    Map.of("Authorization", "Bearer " + server.login("supervisor")));
            assertThat(live.statusCode()).isEqualTo(200);
            JsonNode row = null;
            for (JsonNode r : TestServer.json(live.body()).path("queue")) {
                if (conversationId.equals(r.path("conversationId").asText())) {
                    row = r;
                }
            }
            assertThat(row).as(live.body()).isNotNull();
            // the row had no position and no agent while the offer was open
            assertThat(row.path("position").asInt(-1)).isZero();
            assertThat(row.path("offeredTo").asText()).isEqualTo("agent-1");
        }
    }
}
