package dev.concierge.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hardware's yardstick for {@code bench load}: a bare Vert.x WebSocket server that sends every text frame
 * back, driven the same way as the real server (the same number of closed-loop clients, a chat-sized JSON frame,
 * the next frame once the echo arrives). The server has its own Vert.x instance, as Concierge's nodes do.
 */
final class EchoBaseline {
    private static final String FRAME = "{\"type\":\"message\",\"id\":\"m1\",\"text\":\"How long does a refund take to"
            + " reach my card?\"}";

    private EchoBaseline() {
    }

    /** @return echoed messages per second over the measurement window */
    static double measure(int clients, int warmupSeconds, int seconds) throws Exception {
        Vertx serverVertx = Vertx.vertx();
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            HttpServer server = serverVertx.createHttpServer()
                    .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                    .setConnectTimeout(10_000).setMaxConnections(100_000));
            AtomicLong counted = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                // Runs on the connection's own event loop: the handler is in place before the first echo.
                sockets.add(client.connect(server.actualPort(), "127.0.0.1", "/echo").onSuccess(ws -> {
                    ws.textMessageHandler(text -> {
                        if (measuring.get()) {
                            counted.incrementAndGet();
                        }
                        if (running.get()) {
                            ws.writeTextMessage(FRAME);
                        }
                    });
                    ws.writeTextMessage(FRAME);
                }));
            }
            Future.all(sockets).await(60, TimeUnit.SECONDS);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            long n = counted.get();
            for (Future<WebSocket> f : sockets) {
                f.result().close();
            }
            return n / elapsed;
        } finally {
            clientVertx.close().await(10, TimeUnit.SECONDS);
            serverVertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
