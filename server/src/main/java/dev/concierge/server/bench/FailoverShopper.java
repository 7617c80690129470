package dev.concierge.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat customer that behaves as the protocol asks a client to when its node goes away: reconnect (to the other
 * node), resume with its token, look in the {@code history} frame for the answer to its last message, and resend
 * the message with the same id if it was not acknowledged or not answered. One message at a time. All state is
 * touched on one Vert.x context.
 */
final class FailoverShopper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RESEND_AFTER_NANOS = 5_000_000_000L;

    final String customerId;
    private final int index;
    private final boolean chinese;
    private final List<Integer> ports;
    private final WebSocketClient client;
    private final Vertx vertx;
    private final LoadScript script;
    private final Counters counters;
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    /** Customer message id to the id of the bot reply that answered it. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private Context context;
    private WebSocket ws;
    private int portIndex;
    private String token;
    private long n;
    private String pending;
    private long sentAt;
    private boolean ackPending;
    private boolean replyPending;
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile long lastCompletedNanos;

    /** What every failover shopper adds to. */
    static final class Counters {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong resent = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        /** A second, different reply to one message: a real duplicate. */
        final AtomicLong repeatedReplies = new AtomicLong();
        /** The same reply (same id) again, e.g. the answer sent back for a resent message: not a duplicate. */
        final AtomicLong redelivered = new AtomicLong();
        final Latencies bot = new Latencies();
    }

    FailoverShopper(int index, String customerId, boolean chinese, List<Integer> ports, Vertx vertx,
            WebSocketClient client, LoadScript script, Counters counters) {
        this.index = index;
        this.customerId = customerId;
        this.chinese = chinese;
        this.ports = ports;
        this.portIndex = index % ports.size();
        this.vertx = vertx;
        this.client = client;
        this.script = script;
        this.counters = counters;
    }

    void start() {
        connect();
        vertx.setPeriodic(1000, t -> {
            if (closed) {
                vertx.cancelTimer(t);
            } else if (context != null) {
                context.runOnContext(v -> resendIfStuck());
            }
        });
    }

    /** Stops sending new messages; what is pending still completes. */
    void stop() {
        running = false;
    }

    boolean busy() {
        return ackPending || replyPending || ws == null;
    }

    long lastCompletedNanos() {
        return lastCompletedNanos;
    }

    Set<String> ackedMessageIds() {
        return acked;
    }

    void close() {
        closed = true;
        if (ws != null) {
            ws.close();
        }
    }

    /** For the report when a customer is stuck. */
    String state() {
        return customerId + " pending=" + pending + " ackPending=" + ackPending + " replyPending=" + replyPending
                + " connected=" + (ws != null) + " port=" + ports.get(portIndex);
    }

    private void connect() {
        if (closed) {
            return;
        }
        int port = ports.get(portIndex);
        client.connect(port, "127.0.0.1", "/ws/chat").onComplete(r -> {
            if (r.failed()) {
                portIndex = (portIndex + 1) % ports.size();
                vertx.setTimer(200, t -> connect());
                return;
            }
            context = Vertx.currentContext();
            ws = r.result();
            ws.textMessageHandler(this::onFrame);
            ws.closeHandler(v -> {
                ws = null;
                counters.reconnects.incrementAndGet();
                portIndex = (portIndex + 1) % ports.size(); // that node may be gone: try the other one
                vertx.setTimer(100, t -> connect());
            });
            ws.writeTextMessage("{\"type\":\"hello\",\"customerId\":\"" + customerId + "\","
                    + (token == null ? "" : "\"token\":\"" + token + "\",") + "\"locale\":\""
                    + (chinese ? "zh" : "en") + "\"}");
        });
    }

    private String storedId(String clientId) {
        return customerId + ":" + clientId;
    }

    private void onFrame(String text) {
        JsonNode f;
        try {
            f = JSON.readTree(text);
        } catch (IOException e) {
            counters.errors.incrementAndGet();
            return;
        }
        switch (f.path("type").asText()) {
            case "session" -> {
                if (f.hasNonNull("token")) {
                    token = f.path("token").asText();
                }
                if (pending == null || !ackPending && !replyPending) {
                    next();
                } else {
                    // Resumed with a message in doubt: the history frame that follows may hold its answer.
                    vertx.setTimer(300, t -> context.runOnContext(v -> resendIfPending()));
                }
            }
            case "history" -> {
                for (JsonNode m : f.path("messages")) {
                    if ("bot".equals(m.path("from").asText()) && pending != null
                            && storedId(pending).equals(m.path("inReplyTo").asText()) && replyPending) {
                        // Answered before the node died; the answer was in the store, not on our socket.
                        replyPending = false;
                        answered.put(storedId(pending), m.path("id").asText());
                        maybeNext();
                        return;
                    }
                }
            }
            case "ack" -> {
                if (f.path("id").asText().equals(pending) && ackPending) {
                    ackPending = false;
                    acked.add(f.path("messageId").asText());
                    maybeNext();
                }
            }
            case "message" -> {
                if (!"bot".equals(f.path("from").asText())) {
                    return;
                }
                String about = f.path("inReplyTo").asText();
                String id = f.path("id").asText();
                if (pending != null && about.equals(storedId(pending)) && replyPending) {
                    replyPending = false;
                    answered.put(about, id);
                    counters.bot.record(System.nanoTime() - sentAt);
                    maybeNext();
                } else if (answered.containsKey(about)) {
                    if (answered.get(about).equals(id)) {
                        counters.redelivered.incrementAndGet();
                    } else {
                        counters.repeatedReplies.incrementAndGet();
                    }
                }
            }
            case "error" -> {
                // e.g. "unavailable" while Redis restarts: resend the same message after a short pause.
                counters.errors.incrementAndGet();
                if (pending != null && (ackPending || replyPending)) {
                    String about = pending;
                    vertx.setTimer(300, t -> context.runOnContext(v -> {
                        if (about.equals(pending)) {
                            resendIfPending();
                        }
                    }));
                }
            }
            default -> {
            }
        }
    }

    private void maybeNext() {
        if (!ackPending && !replyPending) {
            lastCompletedNanos = System.nanoTime();
            counters.completed.incrementAndGet();
            next();
        }
    }

    private void next() {
        if (!running || ws == null) {
            return;
        }
        pending = "m" + (n++);
        ackPending = true;
        replyPending = true;
        send();
    }

    private void resendIfPending() {
        if (pending != null && (ackPending || replyPending)) {
            counters.resent.incrementAndGet();
            send();
        }
    }

    private void resendIfStuck() {
        if (ws != null && pending != null && (ackPending || replyPending)
                && System.nanoTime() - sentAt > RESEND_AFTER_NANOS) {
            resendIfPending();
        }
    }

    private void send() {
        if (ws == null) {
            return;
        }
        sentAt = System.nanoTime();
        ws.writeTextMessage("{\"type\":\"message\",\"id\":\"" + pending + "\",\"text\":"
                + LoadBench.quote(script.message(index, n, chinese)) + "}");
    }
}
