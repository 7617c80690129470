package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** On SIGTERM a node answers readiness with 503 while it still serves, then closes. */
class ShutdownIT {

    @Test
    void readinessTurns503WhileTheNodeStillServesThenTheListenerCloses() throws Exception {
        TestServer server = TestServer.memory();
        assertThat(server.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(
                () -> server.app.drainAndClose(Duration.ofSeconds(2)));
        int status = 200;
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = server.get("/health/ready", Map.of()).statusCode();
        }
        assertThat(status).isEqualTo(503);
        // still serving during the notice: liveness and the API answer
        assertThat(server.get("/health/live", Map.of()).statusCode()).isEqualTo(200);
        stopping.get();
    }

    @Test
    void openSocketsAreClosedWithGoingAway() throws Exception {
        TestServer server = TestServer.memory();
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat", Map.of())) {
            shopper.send(Map.of("type", "hello"));
            shopper.await("session");
            try (WsClient leaving = WsClient.connect(server.port(), "/ws/chat", Map.of())) {
                leaving.send(Map.of("type", "hello"));
                leaving.await("session");
                assertThat(server.app.openSockets()).isEqualTo(2);
            }
            // a socket that ended is no longer held for the shutdown
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.app.openSockets() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.app.openSockets()).isEqualTo(1);
            server.app.drainAndClose(Duration.ofMillis(100));
            // 1001 tells the client to reconnect (to another node); it was 1000, "done", which a client may not retry
            assertThat(shopper.awaitClose()).isEqualTo(1001);
        }
    }
}
