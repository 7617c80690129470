package dev.concierge.server.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON frame of the wire protocol (docs/protocol.md), built field by field in wire order. A value type for
 * the transport only; the domain model stays in records.
 */
public final class Frame {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Frame(String type) {
        fields.put("type", type);
    }

    public static Frame of(String type) {
        return new Frame(type);
    }

    public static Frame error(String code, String message) {
        return of("error").put("code", code).put("message", message);
    }

    /** Adds a field; null values are left out of the frame. */
    public Frame put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    public String type() {
        return (String) fields.get("type");
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }
}
