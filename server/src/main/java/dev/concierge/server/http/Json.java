package dev.concierge.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/** The server's JSON reader and writer, with bounds against hostile input (nesting depth, string length). */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // {"text":"hi","text":"bye"}: which one did the sender mean? Refused rather than the last one silently kept
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(1 << 20)
                .maxNumberLength(64)
                .build());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The parsed object, or empty when the text is not a JSON object.
     *
     * @throws BadRequestException {@code invalid_encoding} when a string holds an unpaired surrogate escape
     *         ({@code "\ud800"}): valid JSON, but no character, and it was stored as "?"
     */
    public Optional<JsonNode> parseObject(String text) {
        JsonNode node;
        try {
            // a leading byte-order mark, which JSON parsers may ignore (RFC 8259), was refused as "not a JSON object"
            node = mapper.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                throw new BadRequestException("invalid_json", "a field appears twice: " + e.getOriginalMessage());
            }
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (!wellFormed(node)) {
            throw new BadRequestException("invalid_encoding",
                    "text must be valid Unicode: an unpaired surrogate escape is not a character");
        }
        return Optional.of(node);
    }

    private static boolean wellFormed(JsonNode node) {
        if (node.isTextual()) {
            return wellFormed(node.textValue());
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!wellFormed(field.getKey()) || !wellFormed(field.getValue())) {
                return false;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!wellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No unpaired surrogate. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A field that may be left out but, when given, must be a string: null if absent or JSON null.
     *
     * @throws BadRequestException {@code invalid_field} when the field holds a number, object, array or boolean
     */
    public static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestException("invalid_field", "'" + field + "' must be a string");
        }
        return value.asText();
    }

    /** A text field, or null if absent or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
