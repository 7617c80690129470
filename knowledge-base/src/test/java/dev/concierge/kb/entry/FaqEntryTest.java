package dev.concierge.kb.entry;

import dev.concierge.kb.TestEntries;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FaqEntryTest {

    @Test
    void validEntryIsTrimmedAndOrderedByLocale() {
        FaqEntry e = new FaqEntry(" refund_policy ", "refunds", Scenario.AFTER_SALE,
                Map.of("en", List.of(" How do refunds work "), "zh", List.of("怎么退款")),
                Map.of("en", "Like this.", "zh", "这样。"), null, null, TestEntries.T0);
        assertThat(e.id()).isEqualTo("refund_policy");
        assertThat(e.questions().keySet()).containsExactly("zh", "en");
        assertThat(e.questions().get("en")).containsExactly("How do refunds work");
        assertThat(e.sms()).isEmpty();
        assertThat(e.tags()).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithEntryAndField() {
        KbValidationException ex = catchThrowableOfType(KbValidationException.class, () -> new FaqEntry(
                "Refund-Policy", "", null,
                Map.of("en", List.of("ok", " ", "OK"), "fr", List.of("bonjour")),
                Map.of("zh", "退款"),
                Map.of("zh", "这是一条非常非常长的短信".repeat(10)),
                List.of("a|b"), null));
        assertThat(ex.errors()).extracting(FieldError::field).contains(
                "id", "category", "scenario", "questions.fr", "questions.en[1]", "questions.en[2]",
                "answers.en", "sms.zh", "tags[0]", "updatedAt");
        assertThat(ex.errors()).allSatisfy(err -> assertThat(err.entry()).isEqualTo("Refund-Policy"));
    }

    @Test
    void aRefusedAnswerIsReportedOnceNotAlsoAsMissing() {
        KbValidationException ex = catchThrowableOfType(KbValidationException.class, () -> new FaqEntry(
                "refund_policy", "refunds", Scenario.AFTER_SALE,
                Map.of("en", List.of("How do refunds work"), "zh", List.of("怎么退款"), "fr", List.of("rembourser")),
                Map.of("en", "x".repeat(FaqEntry.MAX_ANSWER_LENGTH + 1), "zh", "  "), null, null, TestEntries.T0));
        assertThat(ex.errors()).extracting(e -> e.field() + ": " + e.message()).containsExactlyInAnyOrder(
                "questions.fr: unsupported locale (supported: [zh, en])",
                "answers.en: at most " + FaqEntry.MAX_ANSWER_LENGTH + " characters",
                "answers.zh: must not be blank (omit the locale instead)");
        KbValidationException missing = catchThrowableOfType(KbValidationException.class, () -> new FaqEntry(
                "refund_policy", "refunds", Scenario.AFTER_SALE, Map.of("en", List.of("How do refunds work")),
                Map.of("zh", "这样。"), null, null, TestEntries.T0));
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("answers.en");
    }

    @Test
    void needsAtLeastOneQuestion() {
        assertThatThrownBy(() -> new FaqEntry("a_b", "c", Scenario.PRE_SALE, Map.of(), Map.of("en", "x"), null, null, TestEntries.T0))
                .isInstanceOf(KbValidationException.class)
                .hasMessageContaining("questions");
    }

    @Test
    void answerFallsBackToAnotherLocale() {
        FaqEntry password = TestEntries.password();
        assertThat(password.answer("zh")).startsWith("Tap");
        assertThat(password.smsAnswer("en")).isEmpty();
        assertThat(TestEntries.refund().smsAnswer("zh")).contains("退款1-3个工作日到账");
    }

    @Test
    void localeResolution() {
        assertThat(KbLocales.resolve("zh-CN", "hello")).isEqualTo("zh");
        assertThat(KbLocales.resolve("en_US", "退款")).isEqualTo("en");
        assertThat(KbLocales.resolve(null, "我的iPhone退货")).isEqualTo("zh");
        assertThat(KbLocales.resolve("fr", "refund please")).isEqualTo("en");
    }
}
