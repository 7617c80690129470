package dev.concierge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    private static final Set<String> NAMES = Set.of("--shoppers", "--profile");

    @Test
    void readsGivenValuesAndFallsBackToDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--shoppers", "40"}, NAMES);
        assertThat(options.getInt("--shoppers", 200)).isEqualTo(40);
        assertThat(options.get("--profile", "fast")).isEqualTo("fast");
    }

    @Test
    void rejectsDanglingUnknownAndNonNumericOptions() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--shoppers"}, NAMES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--shoppers needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--nodes", "2"}, NAMES))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --nodes");
        BenchOptions options = BenchOptions.parse(new String[] {"--shoppers", "many"}, NAMES);
        assertThatThrownBy(() -> options.getInt("--shoppers", 200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadBenchKeepsItsChecks() {
        assertThat(LoadBench.parse(new String[] {"--shoppers", "20", "--profile", "default"}).shoppers()).isEqualTo(20);
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--shoppers", "0"}))
                .hasMessage("--shoppers must be >= 1");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--nodes", "x"}))
                .hasMessage("--nodes must be a number");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--nodes", "2"}))
                .hasMessageContaining("add --store redis");
    }
}
