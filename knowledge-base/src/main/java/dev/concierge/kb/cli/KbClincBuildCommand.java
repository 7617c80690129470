package dev.concierge.kb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.core.cli.CommandOptions;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.kb.io.KbJsonCodec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code kb-build-clinc --datasets DIR --out DIR [--dev-per-intent 20]}: turns CLINC150 into FAQ files.
 * {@code DIR} is the CLINC150 folder or the datasets folder holding it as {@code clinc150/}.
 * One entry per in-scope intent whose questions are the intent's train utterances; the intent's val
 * utterances become the queries ({@code kb.json}, {@code queries.jsonl}). A development
 * pair ({@code dev-kb.json}, {@code dev-queries.jsonl}) holds out the last N train utterances
 * of each intent as queries, for tuning without touching val; {@code dev-calibration.jsonl} adds the
 * train split's out-of-scope utterances (expected {@code oos}, never in the KB) to fit the confidence model.
 * {@code oos} gets no entry.
 */
public final class KbClincBuildCommand {
    static final String USAGE = "usage: kb-build-clinc --datasets DIR --out DIR [--dev-per-intent N]";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KbClincBuildCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path datasets;
        Path outDir;
        int devPerIntent;
        try {
            CommandOptions a = CommandOptions.parse(args, Set.of("datasets", "out", "dev-per-intent"));
            datasets = Path.of(a.required("datasets"));
            outDir = Path.of(a.required("out"));
            devPerIntent = a.integer("dev-per-intent", 20, 1, 1_000_000);
            // the shared datasets folder holds CLINC150 in a clinc150/ subfolder; accept either
            if (!Files.isRegularFile(datasets.resolve("train.jsonl")) && Files.isDirectory(datasets.resolve("clinc150"))) {
                datasets = datasets.resolve("clinc150");
            }
            if (!Files.isDirectory(datasets)) {
                throw new CommandOptions.UsageException("not a directory: " + datasets);
            }
        } catch (CommandOptions.UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            Map<String, String> domainOf = domains(datasets.resolve("domains.json"));
            Map<String, List<String>> train = byIntent(datasets.resolve("train.jsonl"));
            Map<String, List<String>> val = byIntent(datasets.resolve("val.jsonl"));
            Files.createDirectories(outDir);
            KbJsonCodec codec = new KbJsonCodec();
            List<FaqEntry> full = new ArrayList<>();
            List<FaqEntry> dev = new ArrayList<>();
            List<String[]> devQueries = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : train.entrySet()) {
                String intent = e.getKey();
                List<String> utterances = e.getValue();
                full.add(entry(intent, domainOf.getOrDefault(intent, "clinc"), utterances));
                int cut = Math.max(1, utterances.size() - devPerIntent);
                dev.add(entry(intent, domainOf.getOrDefault(intent, "clinc"), utterances.subList(0, cut)));
                for (String q : utterances.subList(cut, utterances.size())) {
                    devQueries.add(new String[] {q, intent});
                }
            }
            List<String[]> calibration = new ArrayList<>(devQueries);
            oosTexts(datasets.resolve("train.jsonl")).forEach(q -> calibration.add(new String[] {q, "oos"}));
            List<String[]> queries = new ArrayList<>();
            val.forEach((intent, qs) -> qs.forEach(q -> queries.add(new String[] {q, intent})));
            Files.writeString(outDir.resolve("kb.json"), codec.write(full), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("dev-kb.json"), codec.write(dev), StandardCharsets.UTF_8);
            writeQueries(outDir.resolve("queries.jsonl"), queries);
            writeQueries(outDir.resolve("dev-queries.jsonl"), devQueries);
            writeQueries(outDir.resolve("dev-calibration.jsonl"), calibration);
            err.printf("kb-build-clinc: %d entries, %d val queries, %d dev queries -> %s%n",
                    full.size(), queries.size(), devQueries.size(), outDir);
            out.println(MAPPER.createObjectNode().put("entries", full.size()).put("queries", queries.size())
                    .put("dev_queries", devQueries.size()).put("out", outDir.toString()));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("kb-build-clinc: " + e.getMessage());
            return 1;
        }
    }

    private static FaqEntry entry(String intent, String domain, List<String> utterances) {
        List<String> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String u : utterances) {
            String t = u.trim();
            if (!t.isEmpty() && seen.add(t.toLowerCase(Locale.ROOT))) {
                unique.add(t.replace('|', '/'));
            }
        }
        return new FaqEntry(intent, domain, Scenario.IN_SALE, Map.of("en", unique),
                Map.of("en", "[" + intent + "]"), Map.of(), List.of("clinc150"), Instant.EPOCH);
    }

    private static void writeQueries(Path file, List<String[]> queries) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String[] q : queries) {
                w.write(MAPPER.createObjectNode().put("text", q[0]).put("expected", q[1]).put("lang", "en").toString());
                w.write('\n');
            }
        }
    }

    private static Map<String, List<String>> byIntent(Path jsonl) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = MAPPER.readTree(line);
            String intent = n.path("intent").asText();
            if (!intent.equals("oos")) {
                out.computeIfAbsent(intent, k -> new ArrayList<>()).add(n.path("text").asText());
            }
        }
        return out;
    }

    private static List<String> oosTexts(Path jsonl) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = MAPPER.readTree(line);
                if (n.path("intent").asText().equals("oos")) {
                    out.add(n.path("text").asText());
                }
            }
        }
        return out;
    }

    private static Map<String, String> domains(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root = MAPPER.readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            d.getValue().forEach(i -> out.put(i.asText(), d.getKey()));
        }
        return out;
    }
}
