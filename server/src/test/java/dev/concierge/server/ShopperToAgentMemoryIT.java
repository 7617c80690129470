package dev.concierge.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class ShopperToAgentMemoryIT extends ShopperToAgentScenario {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.memory();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    TestServer server() {
        return server;
    }
}
