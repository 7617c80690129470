package dev.concierge.server;

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
}
