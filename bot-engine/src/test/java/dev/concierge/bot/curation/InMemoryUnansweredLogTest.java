package dev.concierge.bot.curation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryUnansweredLogTest implements UnansweredLogContract {
    private final UnansweredLog log = new InMemoryUnansweredLog(100);

    @Override
    public UnansweredLog log() {
        return log;
    }

    @Test
    void keeps_only_the_newest_up_to_capacity() {
        UnansweredLog small = new InMemoryUnansweredLog(2);
        for (int i = 0; i < 5; i++) {
            small.record(UnansweredLogContract.question(i, "q" + i, ""));
        }
        assertThat(small.recent(10)).extracting(UnansweredQuestion::text).containsExactly("q4", "q3");
    }

    @Test
    void csv_neutralises_formulas_and_quotes() {
        String csv = UnansweredGrouping.toCsv(UnansweredGrouping.group(java.util.List.of(
                UnansweredLogContract.question(1, "=HYPERLINK(\"x\")", ""))));
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
