package dev.concierge.bot.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderJsonInstantTest {

    @Test
    void readsWhatInstantParseReads() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(OrderJson.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {"2026-11-03T08:15:30Z", "2026-11-03T08:15:30.5Z", "2026-11-03T08:15:30.123456789Z",
                "2026-11-03T08:15:30.120Z", "2016-12-31T23:59:60Z", "2026-11-03T08:15:30+08:00", "2026-11-03T08:15:30.1234Z", "2026-11-03T08:15:30.Z",
                "2026-11-03T24:00:00Z"}) {
            assertThat(OrderJson.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2026-02-30T08:15:30Z", "2026-13-03T08:15:30Z", "2026-11-03T25:15:30Z",
                "2026-11-03T08:61:30Z", "2026-11-03T08:15:30.1234567890Z", "2026-11-0xT08:15:30Z",
                "2026-11-03 08:15:30Z", "2026-11-03T08:15:30", "", "yesterday", "２０２６-11-03T08:15:30Z"}) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> OrderJson.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
