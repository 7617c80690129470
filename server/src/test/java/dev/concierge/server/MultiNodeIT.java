package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.redis.RedisNamespace;
import dev.concierge.redis.RedisTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two server nodes sharing one Redis: a shopper on one and an agent on the other talk in real time. */
class MultiNodeIT {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("multi");
    private TestServer nodeA;
    private TestServer nodeB;

    @BeforeEach
    void start() {
        nodeA = TestServer.redis(RedisTestSupport.url(), redis.namespace());
        nodeB = TestServer.redis(RedisTestSupport.url(), redis.namespace());
    }

    @AfterEach
    void stop() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void shopperOnOneNodeAndAgentOnAnotherConverse() {
        // The agent logs in on node A and connects to node B: sessions are shared.
        String token = nodeA.login("agent-1");
        try (WsClient agent = WsClient.connect(nodeB.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token));
                WsClient shopper = WsClient.connect(nodeA.port(), "/ws/chat")) {
            agent.await("welcome");
            shopper.send(Map.of("type", "hello", "locale", "zh"));
            JsonNode session = shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "转人工"));
            shopper.await("handoff");

            JsonNode offer = agent.await("offer");
            String conversationId = offer.path("conversationId").asText();
            agent.send(Map.of("type", "accept", "conversationId", conversationId));
            agent.await("assigned");
            agent.send(Map.of("type", "message", "conversationId", conversationId, "text", "跨节点的问候"));
            assertThat(shopper.await(f -> "agent".equals(f.path("from").asText()), "the agent's reply")
                    .path("text").asText()).isEqualTo("跨节点的问候");
            shopper.send(Map.of("type", "message", "text", "收到"));
            assertThat(agent.await(f -> "customer".equals(f.path("from").asText()), "the shopper's reply")
                    .path("text").asText()).isEqualTo("收到");

            // The shopper reconnects to the other node and resumes with the whole history.
            try (WsClient again = WsClient.connect(nodeB.port(), "/ws/chat")) {
                again.send(Map.of("type", "hello", "customerId", session.path("customerId").asText(),
                        "token", session.path("token").asText()));
                again.await("session");
                assertThat(again.await("history").path("messages").toString()).contains("转人工", "跨节点的问候", "收到");
            }
        }
    }

    @Test
    void anAgentConnectedToBothNodesStaysOnlineWhenOneSocketCloses() throws Exception {
        String token = nodeA.login("agent-1");
        try (WsClient onB = WsClient.connect(nodeB.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token));
                WsClient shopper = WsClient.connect(nodeA.port(), "/ws/chat")) {
            onB.await("welcome");
            try (WsClient onA = WsClient.connect(nodeA.port(), "/ws/agent",
                    Map.of("Authorization", "Bearer " + token))) {
                onA.await("welcome");
            }
            Thread.sleep(500); // node A handles the close: before, it set the agent offline although B's socket was live
            shopper.send(Map.of("type", "hello", "locale", "zh"));
            shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "转人工"));
            assertThat(onB.await("offer").path("conversationId").asText()).isNotEmpty();
        }
    }

    @Test
    void aKnowledgeBaseEditOnOneNodeIsServedByTheOtherAndSurvivesARestart() throws Exception {
        Map<String, String> supervisor = Map.of("Authorization", "Bearer " + nodeA.login("supervisor"));
        String entry = """
                {"id":"test_wombat_coins","category":"payment","scenario":"PRE_SALE",
                 "questions":{"en":["Do you accept wombat coins","can I pay with wombat coins"]},
                 "answers":{"en":"Yes, wombat coins are welcome at checkout."}}
                """;
        assertThat(nodeA.post("/api/v1/admin/kb/entries", entry, supervisor).statusCode()).isEqualTo(201);
        assertThat(nodeA.delete("/api/v1/admin/kb/entries/gift_card", supervisor).statusCode()).isEqualTo(204);
        // before: node B answered from its own copy, and a restart of either node undid both edits
        awaitEntry(nodeB, supervisor, "test_wombat_coins", 200);
        awaitEntry(nodeB, supervisor, "gift_card", 404);
        nodeB.close();
        nodeB = TestServer.redis(RedisTestSupport.url(), redis.namespace());
        assertThat(nodeB.get("/api/v1/admin/kb/entries/test_wombat_coins", supervisor).statusCode()).isEqualTo(200);
        assertThat(nodeB.get("/api/v1/admin/kb/entries/gift_card", supervisor).statusCode()).isEqualTo(404);
        assertThat(nodeB.get("/api/v1/admin/kb/preview?q=can+I+pay+with+wombat+coins&locale=en", supervisor).body())
                .contains("test_wombat_coins");
    }

    @Test
    void theSupervisorBoardShowsAnAgentConnectedToTheOtherNodeAsConnected() throws Exception {
        Map<String, String> supervisor = Map.of("Authorization", "Bearer " + nodeA.login("supervisor"));
        try (WsClient onB = WsClient.connect(nodeB.port(), "/ws/agent",
                Map.of("Authorization", "Bearer " + nodeB.login("agent-1")))) {
            onB.await("welcome");
            // before: node A's board said connected=false, as it only looked at its own sockets
            for (TestServer node : new TestServer[] {nodeA, nodeB}) {
                JsonNode board = TestServer.json(node.get("/api/v1/reports/live", supervisor).body());
                JsonNode agent = null;
                for (JsonNode row : board.path("agents")) {
                    if (row.path("id").asText().equals("agent-1")) {
                        agent = row;
                    }
                }
                assertThat(agent).isNotNull();
                assertThat(agent.path("connected").asBoolean()).as("agent-1 connected, asked on port %d", node.port())
                        .isTrue();
            }
        }
    }

    private static void awaitEntry(TestServer node, Map<String, String> auth, String id, int status)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (node.get("/api/v1/admin/kb/entries/" + id, auth).statusCode() != status) {
            assertThat(System.nanoTime()).as("entry %s on the other node answering %d", id, status).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
