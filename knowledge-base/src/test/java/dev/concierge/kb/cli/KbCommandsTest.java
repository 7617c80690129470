package dev.concierge.kb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.kb.ConceptEmbedder;
import dev.concierge.kb.TestEntries;
import dev.concierge.kb.TextEmbedder;
import dev.concierge.kb.io.KbJsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class KbCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int eval(String... args) {
        return KbEvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        assertThat(eval("--kb")).isEqualTo(2);
        assertThat(eval("--queries", "x.jsonl")).isEqualTo(2);
        assertThat(eval("--kb", "/no/such.json", "--queries", "/no/such.jsonl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: kb-eval");
        assertThat(KbClincBuildCommand.run(new String[] {"--nope", "x"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }

    @Test
    void lastLineIsJsonWithTheMetrics(@TempDir Path dir) throws Exception {
        Path kb = dir.resolve("kb.json");
        Files.writeString(kb, new KbJsonCodec().write(TestEntries.all()));
        Path queries = dir.resolve("q.jsonl");
        Files.writeString(queries, """
                {"text": "when do I get my refund", "expected": "refund_arrival_time"}
                {"text": "多久能到货", "expected": "shipping_time"}
                {"text": "password forgotten", "expected": "account_password_reset", "lang": "en"}
                """);
        assertThat(eval("--kb", kb.toString(), "--queries", queries.toString(), "--seconds", "0.2")).isEqualTo(0);
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        for (String key : new String[] {"p_at_1", "mrr", "recall_at_5", "queries_per_second", "bm25_p_at_1", "bm25_mrr",
                "bm25_recall_at_5", "p_at_1_zh", "p_at_1_en"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("p_at_1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void badQueryFilesAreNamedWithTheirLineAndUnknownIdsAreWarnedAbout(@TempDir Path dir) throws Exception {
        Path kb = dir.resolve("kb.json");
        Files.writeString(kb, new KbJsonCodec().write(TestEntries.all()));
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"text\": \"hi\", \"expected\": \"shipping_time\"}\n{\"text\": \"cut\n");
        assertThat(eval("--kb", kb.toString(), "--queries", broken.toString())).isEqualTo(1);
        // it printed Jackson's exception, saying line 1
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.jsonl line 2: not a JSON object")
                .doesNotContain("JsonEOFException");
        err.reset();
        Path unknown = dir.resolve("unknown.jsonl");
        Files.writeString(unknown, "{\"text\": \"多久能到货\", \"expected\": \"shipping_tme\"}\n");
        assertThat(eval("--kb", kb.toString(), "--queries", unknown.toString(), "--seconds", "0.2")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: 1 expected ids are not entries")
                .contains("shipping_tme");
    }

    private Path writeFiles(Path dir) throws Exception {
        Files.writeString(dir.resolve("kb.json"), new KbJsonCodec().write(TestEntries.all()));
        Files.writeString(dir.resolve("q.jsonl"), """
                {"text": "when do I get my refund", "expected": "refund_arrival_time"}
                {"text": "多久能到货", "expected": "shipping_time"}
                """);
        return dir;
    }

    private JsonNode lastJson() throws Exception {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void denseOnNeedsAnEmbedder(@TempDir Path dir) throws Exception {
        writeFiles(dir);
        assertThat(eval("--kb", dir.resolve("kb.json").toString(), "--queries", dir.resolve("q.jsonl").toString(),
                "--dense", "on")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dense on needs sentence embeddings");
        assertThat(eval("--kb", dir.resolve("kb.json").toString(), "--queries", dir.resolve("q.jsonl").toString(),
                "--dense", "maybe")).isEqualTo(2);
    }

    @Test
    void theJsonSaysWhetherTheDensePathWasUsed(@TempDir Path dir) throws Exception {
        writeFiles(dir);
        String[] common = {"--kb", dir.resolve("kb.json").toString(), "--queries", dir.resolve("q.jsonl").toString(),
                "--seconds", "0.2", "--baseline", "false"};
        AtomicInteger loaded = new AtomicInteger();
        Supplier<TextEmbedder> embedders = () -> {
            loaded.incrementAndGet();
            return new ConceptEmbedder();
        };
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(KbEvalCommand.run(concat(common, "--dense", "on"), o, e, embedders)).isZero();
        JsonNode on = lastJson();
        assertThat(on.get("dense").asText()).isEqualTo("on");
        assertThat(on.get("embedder").asText()).isEqualTo("concept-test");
        assertThat(on.get("fusion").asText()).isEqualTo("score");
        assertThat(on.get("p_at_1").asDouble()).isEqualTo(1.0);

        assertThat(KbEvalCommand.run(concat(common, "--dense", "off"), o, e, embedders)).isZero();
        assertThat(lastJson().get("dense").asText()).isEqualTo("off");
        assertThat(lastJson().has("embedder")).isFalse();
        assertThat(loaded.get()).as("the model loads only when asked for").isEqualTo(1);

        assertThat(KbEvalCommand.run(common, o, e, embedders)).isZero();
        assertThat(lastJson().get("dense").asText()).isEqualTo(KbEvalCommand.DEFAULT_DENSE);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void buildsClincFaqFiles(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("clinc150");
        Files.createDirectories(data);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            train.append("{\"text\": \"what is my balance ").append(i).append("\", \"intent\": \"balance\"}\n");
            train.append("{\"text\": \"translate word ").append(i).append("\", \"intent\": \"translate\"}\n");
        }
        train.append("{\"text\": \"tell me a joke about cars\", \"intent\": \"oos\"}\n");
        Files.writeString(data.resolve("train.jsonl"), train);
        Files.writeString(data.resolve("val.jsonl"), "{\"text\": \"balance please\", \"intent\": \"balance\"}\n");
        Files.writeString(data.resolve("domains.json"), "{\"banking\": [\"balance\"], \"utility\": [\"translate\"]}");
        Path outDir = dir.resolve("out");
        int rc = KbClincBuildCommand.run(new String[] {"--datasets", data.toString(), "--out", outDir.toString(), "--dev-per-intent", "2"},
                new PrintStream(out), new PrintStream(err));
        assertThat(rc).isZero();
        var entries = new KbJsonCodec().read(Files.readString(outDir.resolve("kb.json")), TestEntries.T0);
        assertThat(entries).extracting(e -> e.id()).containsExactlyInAnyOrder("balance", "translate");
        assertThat(entries.stream().filter(e -> e.id().equals("balance")).findFirst().orElseThrow().category()).isEqualTo("banking");
        assertThat(Files.readAllLines(outDir.resolve("queries.jsonl"))).hasSize(1);
        assertThat(Files.readAllLines(outDir.resolve("dev-queries.jsonl"))).hasSize(4);

        // the datasets folder that holds clinc150/ works as well
        Path fromRoot = dir.resolve("out-root");
        assertThat(KbClincBuildCommand.run(new String[] {"--datasets", dir.toString(), "--out", fromRoot.toString()},
                new PrintStream(out), new PrintStream(err))).isZero();
        assertThat(Files.readString(fromRoot.resolve("kb.json"))).isEqualTo(Files.readString(outDir.resolve("kb.json")));
    }
}
