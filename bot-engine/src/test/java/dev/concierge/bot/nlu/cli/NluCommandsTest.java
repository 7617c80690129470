package dev.concierge.bot.nlu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NluCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int eval(String... args) {
        return NluEvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(NluCommandsTest.class.getResource(name).toURI()).toString();
    }

    @Test
    void badArgumentsPrintUsageAndExitWithTwo() {
        assertThat(eval("--train")).isEqualTo(2);
        assertThat(eval("--test", "x.jsonl")).isEqualTo(2);
        assertThat(eval("--train", "a", "--test", "b", "--profile", "turbo")).isEqualTo(2);
        assertThat(eval("--bogus", "1")).isEqualTo(2);
        assertThat(eval("--train", "a", "--test", "b", "--cascade", "1.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: nlu-eval");
        int rc = NluTrainCommand.run(new String[] {"--train", "x.jsonl"}, new PrintStream(out), new PrintStream(err));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: nlu-train");
    }

    @Test
    void evalPrintsOneJsonObjectAsTheLastLine() throws Exception {
        int rc = eval("--train", resource("/nlu/tiny.jsonl"), "--test", resource("/nlu/tiny-test.jsonl"),
                "--profile", "fast", "--threads", "1", "--bench-seconds", "0");
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("profile").asText()).isEqualTo("fast");
        for (String field : new String[] {"in_scope_accuracy", "oos_recall", "oos_precision", "macro_f1",
                "train_seconds", "utterances_per_second", "p99_ms", "cpu_ms_per_utterance", "embedded_fraction"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("test_examples").asInt()).isEqualTo(4);
        assertThat(json.get("oos_examples").asInt()).isEqualTo(1);
        assertThat(json.get("embedded_fraction").asDouble()).isZero(); // the fast profile has no encoder
        assertThat(json.get("cascade_gate").isNull()).isTrue();
    }

    @Test
    void missingFileIsAnErrorNotACrash() {
        assertThat(eval("--train", "/nonexistent/train.jsonl", "--test", "/nonexistent/test.jsonl")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }
}
