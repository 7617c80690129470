package dev.concierge.server;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh server on in-memory state for each test. */
abstract class MemoryServerTest {
    protected TestServer server;

    @BeforeEach
    void startServer() {
        server = TestServer.memory();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** An agent socket signed in with {@code token} and online. */
    protected WsClient onlineAgent(String token) {
        WsClient agent = WsClient.connect(server.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token));
        agent.await("welcome");
        agent.send(Map.of("type", "presence", "status", "online"));
        agent.await("presence");
        return agent;
    }

    /** An English shopper asks for a person and {@code agent}, the only one online, accepts: the conversation id. */
    protected static String handedOver(WsClient agent, WsClient shopper) {
        shopper.send(Map.of("type", "hello", "locale", "en"));
        shopper.await("session");
        shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
        String conversationId = agent.await("offer").path("conversationId").asText();
        agent.send(Map.of("type", "accept", "conversationId", conversationId));
        agent.await("assigned");
        return conversationId;
    }
}
