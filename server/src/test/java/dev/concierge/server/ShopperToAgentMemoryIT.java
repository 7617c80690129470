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
    void stop() throws java.io.IOException {
        try {
            if (NetworkGuard.supported()) {
                org.assertj.core.api.Assertions.assertThat(NetworkGuard.nonLoopbackConnections())
                        .as("connections from this JVM to anything but loopback").isEmpty();
            }
        } finally {
            server.close();
        }
    }

    @Override
    TestServer server() {
        return server;
    }
}
