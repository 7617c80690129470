package dev.concierge.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import java.nio.charset.StandardCharsets;

/** The checks every incoming WebSocket text frame passes before its type is looked at (both endpoints). */
public final class FrameReader {
    private final int maxFrameBytes;
    private final Json json;

    public FrameReader(int maxFrameBytes, Json json) {
        this.maxFrameBytes = maxFrameBytes;
        this.json = json;
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
