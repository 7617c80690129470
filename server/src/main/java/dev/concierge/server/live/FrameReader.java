package dev.concierge.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** The checks every incoming WebSocket text frame passes before its type is looked at (both endpoints). */
public final class FrameReader {
    private final int maxFrameBytes;
    private final Json json;

    public FrameReader(int maxFrameBytes, Json json) {
        this.maxFrameBytes = maxFrameBytes;
        this.json = json;
    }

    /**
     * The socket's exception handler: a message past the server's limit (four times {@code maxFrameBytes}, in
     * fragments Netty let through one by one) closes the socket with 1009, as a single oversized frame does;
     * anything else is logged and the socket stays open.
     */
    public static void onSocketError(ServerWebSocket ws, Throwable e, Logger log) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof IllegalStateException && message.contains("max message size")) {
            log.debug("closing a socket whose message is too large: {}", message);
            if (!ws.isClosed()) {
                ws.close((short) 1009, "message too large");
            }
            return;
        }
        log.debug("socket error: {}", e.toString());
    }

    /**
     * @return the frame, a JSON object with a string {@code type}
     * @throws BadRequestException {@code frame_too_large}, {@code invalid_json} or {@code missing_field}
     */
    public JsonNode read(String text) {
        if (text.length() > maxFrameBytes || text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
            throw new BadRequestException("frame_too_large", "frames are limited to " + maxFrameBytes + " bytes");
        }
        JsonNode frame = json.parseObject(text)
                .orElseThrow(() -> new BadRequestException("invalid_json", "frames must be JSON objects"));
        if (Json.text(frame, "type") == null) {
            throw new BadRequestException("missing_field", "frame needs a string field 'type'");
        }
        return frame;
    }
}
