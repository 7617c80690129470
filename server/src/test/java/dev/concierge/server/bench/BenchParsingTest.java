package dev.concierge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bench subcommands' option checks (the parsing itself: core's CommandOptionsTest). */
class BenchParsingTest {

    @Test
    void loadBenchReadsItsOptionsAndKeepsItsChecks() {
        LoadBench.Options o = LoadBench.parse(new String[] {"--shoppers", "20", "--profile", "default"});
        assertThat(o.shoppers()).isEqualTo(20);
        assertThat(o.profile()).isEqualTo("default");
        assertThat(o.nodes()).isEqualTo(1);
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--shoppers", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--shoppers must be in 1..100000: 0");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--nodes", "x"}))
                .hasMessage("--nodes is not a number: x");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--nodes", "2"}))
                .hasMessageContaining("add --store redis");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--shoppers"}))
                .hasMessage("missing value for --shoppers");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--store", "disk"}))
                .hasMessage("--store must be memory or redis");
    }

    @Test
    void badOptionsOfTheOtherBenchesAreUsageErrorsBeforeAnythingStarts() {
        assertThat(usageError(IdleBench.run(new String[] {"--heap", "lots"}, quiet(), capture)))
                .contains("--heap must look like 2g or 512m").contains("usage: bench idle");
        assertThat(usageError(FaultBench.run(new String[] {"--shoppers", "1"}, quiet(), capture)))
                .contains("--shoppers must be in 2..100000: 1").contains("usage: bench faults");
        assertThat(usageError(RoutingBench.run(new String[] {"--threads", "0"}, quiet(), capture)))
                .contains("--threads must be in 1..1024: 0").contains("usage: bench routing");
    }

    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final PrintStream capture = new PrintStream(errors, true, StandardCharsets.UTF_8);

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The stderr text of a run that must have exited with 2; resets the capture. */
    private String usageError(int exitCode) {
        assertThat(exitCode).isEqualTo(2);
        String text = errors.toString(StandardCharsets.UTF_8);
        errors.reset();
        return text;
    }
}
