package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThreeDecimalsTest {

    @Test
    void writesWhatTheFormatterWrites() {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> Math.round(random.nextDouble() * 10_000) / 10_000.0; // ties at the fourth decimal
                case 2 -> (random.nextInt(2_000) + 0.5) / 1000.0;
                default -> (random.nextDouble() - 0.5) * 2e6;
            };
            assertThat(ConversationService.threeDecimals(value)).as("%s", value)
                    .isEqualTo(String.format(Locale.ROOT, "%.3f", value));
        }
        for (double value : new double[] {0, 1, 0.0005, 1.0005, 0.9995, 0.99949999, -0.0001, -0.0, 1e-300, 5e9,
                Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE}) {
            assertThat(ConversationService.threeDecimals(value)).as("%s", value)
                    .isEqualTo(String.format(Locale.ROOT, "%.3f", value));
        }
    }
}
