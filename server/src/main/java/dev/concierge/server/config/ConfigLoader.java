package dev.concierge.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the configuration from, in increasing precedence: the bundled defaults, an optional YAML file, the
 * environment ({@code CONCIERGE_*}), and command-line flags. Unknown keys are errors (a typo must not be
 * silently ignored).
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "/concierge-defaults.yaml";

    /** Environment variable → dotted path in the YAML tree. */
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("CONCIERGE_NLU_PROFILE", "bot.nluProfile"),
            Map.entry("CONCIERGE_NLU_MODEL", "bot.nluModelFile"),
            Map.entry("CONCIERGE_ORDER_API_URL", "bot.orderApiUrl"),
            Map.entry("CONCIERGE_ORDER_API_AUTH", "bot.orderApiAuth"),
            Map.entry("CONCIERGE_ORDER_API_TIMEOUT_MS", "bot.orderApiTimeoutMillis"),
            Map.entry("CONCIERGE_KB_DENSE", "bot.kbDense"),
            Map.entry("CONCIERGE_HOST", "server.host"),
            Map.entry("CONCIERGE_PORT", "server.port"),
            Map.entry("CONCIERGE_STORE", "store.type"),
            Map.entry("CONCIERGE_REDIS_URL", "store.redisUrl"),
            Map.entry("CONCIERGE_REDIS_NAMESPACE", "store.namespace"),
            Map.entry("CONCIERGE_WORKER_THREADS", "server.workerThreads"),
            Map.entry("CONCIERGE_API_KEYS", "integrations.apiKeys"));

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * @param file      a YAML file, or null
     * @param env       the process environment
     * @param overrides dotted path → value from command-line flags
     */
    public ConciergeConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = readDefaults();
        if (file != null) {
            merge(tree, readFile(file));
        }
        ENVIRONMENT.forEach((variable, path) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                set(tree, path, value);
                if (variable.equals("CONCIERGE_REDIS_URL") && !env.containsKey("CONCIERGE_STORE")) {
                    set(tree, "store.type", "redis");
                }
            }
        });
        overrides.forEach((path, value) -> set(tree, path, value));
        try {
            return yaml.treeToValue(tree, ConciergeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String path = dotted(e);
            throw new ConfigException("unknown configuration key '" + path + "'"
                    + (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty() ? ""
                            : "; known keys there: " + e.getKnownPropertyIds()), e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            // "CONCIERGE_PORT=abc": the key, what it takes, what it got and where it came from, not Jackson's chain
            String path = dotted(e);
            Class<?> type = e.getTargetType();
            String expected = type == null ? "another value"
                    : type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(
                            java.util.Locale.ROOT)
                    : type == int.class || type == Integer.class || type == long.class ? "a whole number"
                    : type == double.class || type == Double.class ? "a number"
                    : type == boolean.class || type == Boolean.class ? "true or false"
                    : type.getSimpleName();
            String given = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                    ? " got '" + invalid.getValue() + "'" : "";
            String source = ENVIRONMENT.entrySet().stream().filter(v -> v.getValue().equals(path)
                    && env.get(v.getKey()) != null && !env.get(v.getKey()).isBlank()).map(Map.Entry::getKey)
                    .findFirst().map(v -> " (from " + v + ")").orElse("");
            throw new ConfigException("invalid configuration: " + path + " must be " + expected + "," + given
                    + source, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + rootMessage(e), e);
        }
    }

    /** "server.port", "routing.businessHours.days[0]": the key as the YAML file and the docs write it. */
    private static String dotted(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("bundled defaults missing: " + DEFAULTS);
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled defaults", e);
        }
    }

    private JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file not found: " + file, null);
        }
        try {
            JsonNode node = yaml.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("configuration file must be a YAML mapping: " + file, null);
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deep merge: objects merge key by key, anything else (lists included) replaces. */
    private static void merge(ObjectNode target, JsonNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void set(ObjectNode tree, String dottedPath, String value) {
        String[] parts = dottedPath.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (dottedPath.equals("integrations.apiKeys")) {
            var list = node.putArray(leaf);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.trim());
                }
            }
        } else {
            node.put(leaf, value);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
