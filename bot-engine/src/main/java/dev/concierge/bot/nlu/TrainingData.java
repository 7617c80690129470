package dev.concierge.bot.nlu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads labelled utterances from JSON Lines, the Concierge YAML intent file, or Rasa NLU YAML.
 * Malformed input fails with a {@link TrainingDataException} naming the source and line or intent.
 */
public final class TrainingData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory());
    /** Rasa inline entity annotations: [text](entity), [text]{"entity": ...}, [text][...]. */
    private static final Pattern RASA_ENTITY = Pattern.compile("\\[([^\\]]*)\\](\\([^)]*\\)|\\{[^}]*\\}|\\[[^\\]]*\\])");

    private TrainingData() {
    }

    /** Reads a file; {@code format} null means guess from the name (and from the content for Rasa). */
    public static List<TrainingExample> read(Path file, TrainingDataFormat format) {
        try (InputStream in = Files.newInputStream(file)) {
            TrainingDataFormat f = format != null ? format : TrainingDataFormat.guess(file.getFileName().toString());
            return read(in, f, file.toString());
        } catch (IOException e) {
            throw new TrainingDataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a stream; a YAML stream with a top-level {@code nlu:} key is read as Rasa. */
    public static List<TrainingExample> read(InputStream in, TrainingDataFormat format, String sourceName) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        return switch (format) {
            case JSONL -> readJsonLines(reader, sourceName);
            case YAML, RASA -> readYamlDocument(reader, format, sourceName);
        };
    }

    /** Reads a classpath resource such as {@code /nlu/intents.yaml}. */
    public static List<TrainingExample> readResource(String resource, TrainingDataFormat format) {
        try (InputStream in = TrainingData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TrainingDataException("resource not found: " + resource);
            }
            return read(in, format, resource);
        } catch (IOException e) {
            throw new TrainingDataException("cannot read resource " + resource + ": " + e.getMessage(), e);
        }
    }

    static List<TrainingExample> readJsonLines(Reader reader, String source) {
        List<TrainingExample> out = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(reader)) {
            String line;
            int lineNo = 0;
            while ((line = br.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new TrainingDataException(source + ":" + lineNo + ": not valid JSON: "
                            + e.getOriginalMessage());
                }
                if (node == null || !node.isObject()) {
                    throw new TrainingDataException(source + ":" + lineNo + ": expected a JSON object {\"text\", \"intent\"}");
                }
                String text = textField(node, "text", source + ":" + lineNo);
                String intent = textField(node, "intent", source + ":" + lineNo);
                out.add(new TrainingExample(text, intent.trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new TrainingDataException(source + ": no examples");
        }
        return out;
    }

    private static String textField(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new TrainingDataException(where + ": missing or non-string \"" + field + "\"");
        }
        if (v.asText().isBlank()) {
            throw new TrainingDataException(where + ": \"" + field + "\" is blank");
        }
        return v.asText();
    }

    private static List<TrainingExample> readYamlDocument(Reader reader, TrainingDataFormat format, String source) {
        JsonNode root;
        try {
            root = YAML_MAPPER.readTree(reader);
        } catch (IOException e) {
            throw new TrainingDataException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TrainingDataException(source + ": expected a YAML mapping with 'intents:' or 'nlu:'");
        }
        List<TrainingExample> out;
        if (root.has("nlu") || format == TrainingDataFormat.RASA) {
            out = readRasa(root, source);
        } else {
            out = readIntentFile(root, source);
        }
        if (out.isEmpty()) {
            throw new TrainingDataException(source + ": no examples");
        }
        return out;
    }

    /** Concierge format: {@code intents: [{name: x, examples: {en: [..], zh: [..]}}]} or a plain example list. */
    private static List<TrainingExample> readIntentFile(JsonNode root, String source) {
        JsonNode intents = root.get("intents");
        if (intents == null || !intents.isArray()) {
            throw new TrainingDataException(source + ": missing 'intents:' list");
        }
        List<TrainingExample> out = new ArrayList<>();
        int index = 0;
        for (JsonNode intent : intents) {
            index++;
            JsonNode name = intent.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new TrainingDataException(source + ": intent #" + index + " has no 'name'");
            }
            String where = source + ": intent '" + name.asText() + "'";
            JsonNode examples = intent.get("examples");
            if (examples == null) {
                throw new TrainingDataException(where + " has no 'examples'");
            }
            if (examples.isArray()) {
                addAll(examples, name.asText(), where, out);
            } else if (examples.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> langs = examples.fields();
                while (langs.hasNext()) {
                    Map.Entry<String, JsonNode> e = langs.next();
                    if (!e.getValue().isArray()) {
                        throw new TrainingDataException(where + ": examples." + e.getKey() + " must be a list");
                    }
                    addAll(e.getValue(), name.asText(), where + " (" + e.getKey() + ")", out);
                }
            } else {
                throw new TrainingDataException(where + ": 'examples' must be a list or a map of language → list");
            }
        }
        return out;
    }

    private static void addAll(JsonNode list, String intent, String where, List<TrainingExample> out) {
        int i = 0;
        for (JsonNode ex : list) {
            i++;
            if (!ex.isValueNode() || ex.isNull() || ex.asText().isBlank()) {
                throw new TrainingDataException(where + ": example #" + i + " is not a non-empty string");
            }
            out.add(new TrainingExample(ex.asText().trim(), intent));
        }
    }

    /** Rasa 2.x/3.x: {@code nlu: [{intent: x, examples: "- a\n- b\n"}]}; synonyms, regexes and lookups are skipped. */
    private static List<TrainingExample> readRasa(JsonNode root, String source) {
        JsonNode nlu = root.get("nlu");
        if (nlu == null || !nlu.isArray()) {
            throw new TrainingDataException(source + ": missing 'nlu:' list");
        }
        List<TrainingExample> out = new ArrayList<>();
        for (JsonNode item : nlu) {
            JsonNode intent = item.get("intent");
            if (intent == null) {
                continue; // synonym:, regex:, lookup: blocks carry no intent examples
            }
            String name = intent.asText().trim();
            String where = source + ": intent '" + name + "'";
            JsonNode examples = item.get("examples");
            if (examples == null || !examples.isTextual()) {
                throw new TrainingDataException(where + ": 'examples' must be a block string of '- ' lines");
            }
            int lineNo = 0;
            for (String line : examples.asText().split("\\R")) {
                lineNo++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (!l.startsWith("-")) {
                    throw new TrainingDataException(where + ": example line " + lineNo + " does not start with '- ': " + l);
                }
                String text = stripRasaAnnotations(l.substring(1).strip());
                if (!text.isBlank()) {
                    out.add(new TrainingExample(text, name));
                }
            }
        }
        return out;
    }

    static String stripRasaAnnotations(String text) {
        return RASA_ENTITY.matcher(text).replaceAll("$1");
    }
}
