package dev.concierge.server;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that collects JSON frames for assertions. */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private final CompletableFuture<Integer> closed;
    private final List<JsonNode> seen = new ArrayList<>();

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.frames = listener.frames;
        this.closed = listener.closed;
    }

    static WsClient connect(int port, String path, Map<String, String> headers) {
        // The listener owns the queue from the start: the server may speak before buildAsync returns.
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        WebSocket ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener).join();
        return new WsClient(ws, listener);
    }

    static WsClient connect(int port, String path) {
        return connect(port, path, Map.of());
    }

    void send(Object frame) {
        try {
            sendRaw(JSON.writeValueAsString(frame));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /** Waits for the next frame of the given type, skipping (but remembering) others. */
    JsonNode await(String type) {
        return await(f -> type.equals(f.path("type").asText()), "a '" + type + "' frame");
    }

    JsonNode await(Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (JsonNode f : seen) {
            if (wanted.test(f)) {
                seen.remove(f);
                return f;
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("timed out waiting for " + what + "; frames seen: " + seen);
            }
            JsonNode next;
            try {
                next = frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (next == null) {
                continue;
            }
            if (wanted.test(next)) {
                return next;
            }
            seen.add(next);
        }
    }

    /** The next frame of the type if one arrives within 100 ms, else null (for waiting on several sockets). */
    JsonNode poll(String type) {
        for (JsonNode f : seen) {
            if (type.equals(f.path("type").asText())) {
                seen.remove(f);
                return f;
            }
        }
        try {
            JsonNode next = frames.poll(100, TimeUnit.MILLISECONDS);
            if (next == null) {
                return null;
            }
            if (type.equals(next.path("type").asText())) {
                return next;
            }
            seen.add(next);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitError(String code) {
        return await(f -> "error".equals(f.path("type").asText()) && code.equals(f.path("code").asText()),
                "an error frame with code " + code);
    }

    int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isOpen() {
        return !socket.isOutputClosed() && !closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("server sent non-JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
