package dev.concierge.server.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level scalar fields of a frame, read with Jackson's streaming parser: nested values (an agent's context
 * card with a whole transcript) are skipped, not built into a tree. The simulated clients only act on a frame's
 * type and ids, and the load generator shares the cores with the nodes it measures.
 */
final class FrameFields {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, String> fields;

    private FrameFields(Map<String, String> fields) {
        this.fields = fields;
    }

    /** @throws IOException when the text is not a JSON object */
    static FrameFields parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a frame is a JSON object");
            }
            Map<String, String> fields = new HashMap<>(8);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken().isStructStart()) {
                    p.skipChildren();
                } else {
                    fields.put(name, p.getValueAsString());
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IOException("unterminated frame");
            }
            return new FrameFields(fields);
        }
    }

    /** The field's text, or "" when it is absent, null or not a scalar. */
    String text(String name) {
        String value = fields.get(name);
        return value == null ? "" : value;
    }
}
