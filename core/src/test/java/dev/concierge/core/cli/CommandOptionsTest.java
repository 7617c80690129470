package dev.concierge.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.cli.CommandOptions.UsageException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandOptionsTest {
    private static CommandOptions options(String... a) {
        return CommandOptions.parse(a, Set.of("threads", "class-balance", "profile"));
    }

    @Test
    void readsGivenValuesAndFallsBackToDefaults() {
        CommandOptions o = options("--threads", "4", "--profile", "default");
        assertThat(o.integer("threads", 2, 1, 64)).isEqualTo(4);
        assertThat(o.get("profile", "fast")).isEqualTo("default");
        assertThat(o.required("profile")).isEqualTo("default");
        assertThat(o.has("class-balance")).isFalse();
        assertThat(o.number("class-balance", 0.5, 0, 1)).isEqualTo(0.5);
        assertThat(options("--class-balance", "0.25").number("class-balance", 0.5, 0, 1)).isEqualTo(0.25);
    }

    @Test
    void malformedCommandLinesAreUsageErrors() {
        assertThatThrownBy(() -> options("--nodes", "2")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option: --nodes");
        assertThatThrownBy(() -> options("threads", "2")).hasMessage("unknown option: threads");
        assertThatThrownBy(() -> options("--threads")).hasMessage("missing value for --threads");
        assertThatThrownBy(() -> options("--threads", "--profile", "fast")).hasMessage("missing value for --threads");
        assertThatThrownBy(() -> options("--threads", "2", "--threads", "3")).hasMessage("repeated option: --threads");
        assertThatThrownBy(() -> options().required("profile")).hasMessage("--profile is required");
        assertThatThrownBy(() -> options("--profile", " ").required("profile")).hasMessage("--profile is required");
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertThatThrownBy(() -> options("--threads", "four").integer("threads", 2, 1, 64))
                .isInstanceOf(UsageException.class).hasMessage("--threads is not a number: four");
        assertThatThrownBy(() -> options("--threads", "1.5").integer("threads", 2, 1, 64))
                .hasMessage("--threads must be a whole number: 1.5");
        assertThatThrownBy(() -> options("--threads", "65").integer("threads", 2, 1, 64))
                .hasMessage("--threads must be in 1..64: 65");
        assertThatThrownBy(() -> options("--class-balance", "NaN").number("class-balance", 0.5, 0, 1))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> options("--class-balance", "2").number("class-balance", 0.5, 0, 0.5))
                .hasMessage("--class-balance must be in 0..0.5: 2");
    }
}
