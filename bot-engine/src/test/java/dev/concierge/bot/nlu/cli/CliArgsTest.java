package dev.concierge.bot.nlu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.concierge.bot.nlu.cli.CliArgs.UsageException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliArgsTest {
    private static CliArgs args(String... a) throws UsageException {
        return CliArgs.parse(a, Set.of("threads", "class-balance"));
    }

    @Test
    void numbersAreReadWithinTheirRangeOrFallBack() throws UsageException {
        assertEquals(4, args("--threads", "4").integer("threads", 2, 1, 64));
        assertEquals(2, args().integer("threads", 2, 1, 64));
        assertEquals(0.25, args("--class-balance", "0.25").number("class-balance", 0.5, 0, 1));
        assertEquals(0.5, args().number("class-balance", 0.5, 0, 1));
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertEquals("--threads is not a number: four",
                assertThrows(UsageException.class, () -> args("--threads", "four").integer("threads", 2, 1, 64))
                        .getMessage());
        assertEquals("--threads must be a whole number: 1.5",
                assertThrows(UsageException.class, () -> args("--threads", "1.5").integer("threads", 2, 1, 64))
                        .getMessage());
        assertEquals("--threads must be in 1..64",
                assertThrows(UsageException.class, () -> args("--threads", "65").integer("threads", 2, 1, 64))
                        .getMessage());
        assertThrows(UsageException.class, () -> args("--class-balance", "NaN").number("class-balance", 0.5, 0, 1));
        assertThrows(UsageException.class, () -> args("--class-balance", "2").number("class-balance", 0.5, 0, 1));
    }
}
