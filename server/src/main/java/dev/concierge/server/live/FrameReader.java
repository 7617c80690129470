package dev.concierge.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** The checks every incoming WebSocket text frame passes before its type is looked at (both endpoints). */
public final class FrameReader {
    private final int maxFrameBytes;
    private final Json json;
    /** Sockets attached and not yet ended, for {@link #goingAway()}. */
    private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();

    public FrameReader(int maxFrameBytes, Json json) {
        this.maxFrameBytes = maxFrameBytes;
        this.json = json;
    }

    /**
     * Reads the socket's text messages (whole or in fragments, strictly UTF-8) into {@code onText}, answers binary
     * ones with {@code onBinary}, and closes the socket past four times {@code maxFrameBytes} (1009): larger frames
     * still arrive so that the endpoint can answer them with {@code frame_too_large}. The socket is tracked until it
     * ends, for {@link #goingAway()}.
     */
    public void attach(ServerWebSocket ws, Handler<String> onText, Runnable onBinary, Logger log) {
        ws.frameHandler(new TextMessages(ws, maxFrameBytes * 4, onText, onBinary));
        ws.exceptionHandler(e -> log.debug("socket error: {}", e.toString()));
        open.add(ws);
        ws.endHandler(v -> open.remove(ws));
    }

    /**
     * The node is shutting down: every open socket closes with 1001, going away, so that clients reconnect to another
     * node. (The listener's own shutdown closed them with 1000, a normal end that a client need not retry.)
     */
    public void goingAway() {
        for (ServerWebSocket ws : open) {
            ws.close((short) 1001, "server shutting down");
        }
        open.clear();
    }

    /** Sockets attached and not yet ended. */
    public int openSockets() {
        return open.size();
    }

    /**
     * @return the frame, a JSON object with a string {@code type}
     * @throws BadRequestException {@code frame_too_large}, {@code invalid_json}, {@code missing_field} or
     *         {@code invalid_field} (a {@code type} that is not a string)
     */
    public JsonNode read(String text) {
        if (text.length() > maxFrameBytes || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
            throw new BadRequestException("frame_too_large", "frames are limited to " + maxFrameBytes + " bytes");
        }
        JsonNode frame = json.parseObject(text)
                .orElseThrow(() -> new BadRequestException("invalid_json", "frames must be JSON objects"));
        if (Json.text(frame, "type") == null) {
            // absent or null is missing; any other JSON type ({"type":5}) is the wrong type (docs/protocol.md)
            JsonNode type = frame.get("type");
            boolean given = type != null && !type.isNull();
            throw given ? new BadRequestException("invalid_field", "'type' must be a string")
                    : new BadRequestException("missing_field", "frame needs a string field 'type'");
        }
        return frame;
    }
}
