package dev.concierge.kb.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.FieldError;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.kb.entry.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the knowledge-base JSON format
 * {@code {"entries": [{"id", "category", "scenario", "questions": {"zh": [...], "en": [...]},
 * "answers": {...}, "sms": {...}, "tags": [...], "updatedAt": "..."}]}}.
 *
 * <p>Reading is all-or-nothing: every problem in every entry is collected, then one
 * {@link KbValidationException} is thrown. Thread-safe.
 */
public final class KbJsonCodec {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Parses a whole file. {@code defaultUpdatedAt} stamps entries without {@code updatedAt}.
     *
     * @throws KbValidationException listing every invalid entry and field, or a syntax error
     */
    public List<FaqEntry> read(InputStream in, Instant defaultUpdatedAt) {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new KbValidationException(new FieldError("(file)", location(e), "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject() || !root.path("entries").isArray()) {
            throw new KbValidationException(new FieldError("(file)", "entries", "expected an object with an \"entries\" array"));
        }
        List<FieldError> errors = new ArrayList<>();
        List<FaqEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("entries")) {
            try {
                entries.add(entryFromNode(node, "#" + index, defaultUpdatedAt));
            } catch (KbValidationException e) {
                errors.addAll(e.errors());
            }
            index++;
        }
        errors.addAll(EntrySetChecks.duplicateIds(entries));
        if (!errors.isEmpty()) {
            throw new KbValidationException(errors);
        }
        return List.copyOf(entries);
    }

    public List<FaqEntry> read(String json, Instant defaultUpdatedAt) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), defaultUpdatedAt);
    }

    /** Parses one entry object (the admin API's request body). */
    public FaqEntry readEntry(String json, Instant defaultUpdatedAt) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new KbValidationException(new FieldError("(body)", location(e), "malformed JSON: " + e.getOriginalMessage()));
        }
        return entryFromNode(node, "(body)", defaultUpdatedAt);
    }

    public void write(List<FaqEntry> entries, OutputStream out) {
        try {
            mapper.writeValue(out, toTree(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String write(List<FaqEntry> entries) {
        try {
            return mapper.writeValueAsString(toTree(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String writeEntry(FaqEntry entry) {
        try {
            return mapper.writeValueAsString(entryToNode(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode toTree(List<FaqEntry> entries) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode array = root.putArray("entries");
        entries.forEach(e -> array.add(entryToNode(e)));
        return root;
    }

    ObjectNode entryToNode(FaqEntry e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", e.id());
        n.put("category", e.category());
        n.put("scenario", e.scenario().name());
        ObjectNode qs = n.putObject("questions");
        e.questions().forEach((locale, list) -> {
            ArrayNode a = qs.putArray(locale);
            list.forEach(a::add);
        });
        ObjectNode as = n.putObject("answers");
        e.answers().forEach(as::put);
        if (!e.sms().isEmpty()) {
            ObjectNode sms = n.putObject("sms");
            e.sms().forEach(sms::put);
        }
        ArrayNode tags = n.putArray("tags");
        e.tags().forEach(tags::add);
        n.put("updatedAt", e.updatedAt().toString());
        return n;
    }

    /** Builds an entry, turning every shape problem into a field error named after the entry. */
    private static FaqEntry entryFromNode(JsonNode node, String position, Instant defaultUpdatedAt) {
        if (node == null || !node.isObject()) {
            throw new KbValidationException(new FieldError(position, "(entry)", "expected a JSON object"));
        }
        String who = node.path("id").isTextual() && !node.path("id").asText().isBlank()
                ? node.get("id").asText().trim() : position;
        List<FieldError> errors = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!List.of("id", "category", "scenario", "questions", "answers", "sms", "tags", "updatedAt").contains(name)) {
                errors.add(new FieldError(who, name, "unknown field"));
            }
        }
        String id = text(node, "id", who, errors);
        String category = text(node, "category", who, errors);
        Scenario scenario = null;
        String scenarioText = text(node, "scenario", who, errors);
        if (scenarioText != null) {
            try {
                scenario = Scenario.valueOf(scenarioText.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                errors.add(new FieldError(who, "scenario", "must be PRE_SALE, IN_SALE or AFTER_SALE, was '" + scenarioText + "'"));
            }
        }
        Map<String, List<String>> questions = new LinkedHashMap<>();
        JsonNode q = node.get("questions");
        if (q != null && !q.isNull()) {
            if (!q.isObject()) {
                errors.add(new FieldError(who, "questions", "expected an object of locale -> array of strings"));
            } else {
                q.fields().forEachRemaining(f -> {
                    if (!f.getValue().isArray()) {
                        errors.add(new FieldError(who, "questions." + f.getKey(), "expected an array of strings"));
                        return;
                    }
                    List<String> list = new ArrayList<>();
                    int i = 0;
                    for (JsonNode s : f.getValue()) {
                        if (!s.isTextual()) {
                            errors.add(new FieldError(who, "questions." + f.getKey() + "[" + i + "]", "expected a string"));
                        } else {
                            list.add(s.asText());
                        }
                        i++;
                    }
                    questions.put(f.getKey(), list);
                });
            }
        }
        Map<String, String> answers = textMap(node, "answers", who, errors);
        Map<String, String> sms = textMap(node, "sms", who, errors);
        List<String> tags = new ArrayList<>();
        JsonNode t = node.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                errors.add(new FieldError(who, "tags", "expected an array of strings"));
            } else {
                int i = 0;
                for (JsonNode s : t) {
                    if (!s.isTextual()) {
                        errors.add(new FieldError(who, "tags[" + i + "]", "expected a string"));
                    } else {
                        tags.add(s.asText());
                    }
                    i++;
                }
            }
        }
        Instant updatedAt = defaultUpdatedAt;
        String when = text(node, "updatedAt", who, errors);
        if (when != null) {
            try {
                updatedAt = Instant.parse(when.trim());
            } catch (DateTimeParseException ex) {
                errors.add(new FieldError(who, "updatedAt", "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z"));
            }
        }
        try {
            FaqEntry entry = new FaqEntry(id == null && !who.equals(position) ? who : id, category, scenario,
                    questions, answers, sms, tags, updatedAt);
            if (!errors.isEmpty()) {
                throw new KbValidationException(errors);
            }
            return entry;
        } catch (KbValidationException e) {
            List<FieldError> all = new ArrayList<>(errors);
            for (FieldError fe : e.errors()) {
                // the record names entries without an id "(no id)"; the file position is more useful
                FieldError named = fe.entry().equals("(no id)") ? new FieldError(position, fe.field(), fe.message()) : fe;
                if (!all.contains(named)) {
                    all.add(named);
                }
            }
            throw new KbValidationException(all);
        }
    }

    private static String text(JsonNode node, String field, String who, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(who, field, "expected a string"));
            return null;
        }
        return v.asText();
    }

    private static Map<String, String> textMap(JsonNode node, String field, String who, List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            errors.add(new FieldError(who, field, "expected an object of locale -> string"));
            return out;
        }
        v.fields().forEachRemaining(f -> {
            if (!f.getValue().isTextual()) {
                errors.add(new FieldError(who, field + "." + f.getKey(), "expected a string"));
            } else {
                out.put(f.getKey(), f.getValue().asText());
            }
        });
        return out;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "(file)"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
