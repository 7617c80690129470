package dev.concierge.bot.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link UnansweredLog} must do (in-memory here, Redis in store-redis). */
public interface UnansweredLogContract {

    UnansweredLog log();

    static UnansweredQuestion question(int second, String text, String kbHit) {
        return new UnansweredQuestion(Instant.parse("2026-11-22T10:00:00Z").plusSeconds(second), "c-" + second, "zh",
                text, "out_of_scope", "oos", 0.2, kbHit);
    }

    @Test
    default void recent_is_newest_first_and_limited() {
        log().record(question(1, "能开发票吗", ""));
        log().record(question(2, "可以寄到香港吗", "shipping_international"));
        log().record(question(3, "你们周末上班吗", ""));
        List<UnansweredQuestion> recent = log().recent(2);
        assertThat(recent).extracting(UnansweredQuestion::text).containsExactly("你们周末上班吗", "可以寄到香港吗");
        assertThat(recent.get(1)).isEqualTo(question(2, "可以寄到香港吗", "shipping_international"));
    }

    @Test
    default void an_erased_customers_questions_are_forgotten() {
        log().record(question(1, "I'm John Smith from 88 Nanjing Road, get me an agent", ""));
        log().record(question(2, "可以寄到香港吗", ""));
        log().record(question(3, "John again, still waiting", ""));
        assertThat(log().forget(java.util.Set.of("c-1", "c-3", "c-unknown"))).isEqualTo(2);
        assertThat(log().recent(10)).extracting(UnansweredQuestion::text).containsExactly("可以寄到香港吗");
        assertThat(log().forget(java.util.Set.of())).isZero();
    }

    @Test
    default void similar_questions_are_grouped() {
        log().record(question(1, "可以寄到香港吗", "shipping_international"));
        log().record(question(2, "能寄到香港吗？", "shipping_international"));
        log().record(question(3, "你们周末上班吗", ""));
        log().record(question(4, "可以寄香港吗", ""));
        List<UnansweredGroup> groups = log().groups(100);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).count()).isEqualTo(3);
        assertThat(groups.get(0).kbTopHit()).isEqualTo("shipping_international");
        assertThat(UnansweredGrouping.toCsv(groups)).startsWith("representative,count,").contains("\"可以寄到香港吗\",3,");
    }

    @Test
    default void clear_empties_the_log() {
        log().record(question(1, "能开发票吗", ""));
        log().clear();
        assertThat(log().recent(10)).isEmpty();
    }
}
