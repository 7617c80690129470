package dev.concierge.bot.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy on the held-out set (src/test/resources/sentiment/test.tsv); figures in docs/benchmarks/dialogue.md. */
class SentimentAnalyzerTest {
    private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.bundled();

    @Test
    void held_out_accuracy_per_language() throws IOException {
        List<SentimentAnalyzer.LabelledText> test = read("/sentiment/test.tsv");
        int[] zh = score(test.stream().filter(t -> isChinese(t.text())).toList());
        int[] en = score(test.stream().filter(t -> !isChinese(t.text())).toList());
        assertThat(zh[1]).isGreaterThanOrEqualTo(60);
        assertThat(en[1]).isGreaterThanOrEqualTo(60);
        double zhAccuracy = zh[0] / (double) zh[1];
        double enAccuracy = en[0] / (double) en[1];
        System.out.printf("sentiment held-out accuracy: zh %d/%d = %.3f, en %d/%d = %.3f%n", zh[0], zh[1], zhAccuracy,
                en[0], en[1], enAccuracy);
        long modelOnly = test.stream().filter(t -> (ANALYZER.modelProbability(t.text()) >= 0.5) == t.negative()).count();
        long missedNegative = test.stream().filter(t -> t.negative() && !ANALYZER.analyze(t.text()).negative()).count();
        long falseNegative = test.stream().filter(t -> !t.negative() && ANALYZER.analyze(t.text()).negative()).count();
        System.out.printf("sentiment held-out: model alone %d/%d; combined misses %d upset, flags %d calm%n", modelOnly,
                test.size(), missedNegative, falseNegative);
        assertThat(zhAccuracy).isGreaterThanOrEqualTo(0.75);
        assertThat(enAccuracy).isGreaterThanOrEqualTo(0.75);
    }

    /**
     * A second held-out set, shop messages (src/test/resources/sentiment/shop-messages.tsv, 90 per language, a third
     * of the calm ones calm reports of a problem): a calm question flagged as upset gets an apology it did not ask
     * for and, two turns in a row, a handoff to an agent, so few may be flagged.
     */
    @Test
    void calm_shop_messages_are_rarely_flagged() throws IOException {
        List<SentimentAnalyzer.LabelledText> shop = read("/sentiment/shop-messages.tsv");
        for (boolean chinese : new boolean[] {true, false}) {
            List<SentimentAnalyzer.LabelledText> part = shop.stream().filter(t -> isChinese(t.text()) == chinese).toList();
            List<SentimentAnalyzer.LabelledText> calm = part.stream().filter(t -> !t.negative()).toList();
            long flagged = calm.stream().filter(t -> ANALYZER.analyze(t.text()).negative()).count();
            int[] s = score(part);
            System.out.printf("sentiment shop messages %s: accuracy %d/%d, calm flagged %d/%d%n", chinese ? "zh" : "en",
                    s[0], s[1], flagged, calm.size());
            assertThat(calm).hasSizeGreaterThanOrEqualTo(55);
            assertThat(flagged).as("calm messages flagged").isLessThanOrEqualTo(calm.size() / 20);
            assertThat(s[0] / (double) s[1]).isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void plain_questions_with_complaint_words_are_not_upset() {
        // the load script's privacy question got "I'm sorry about the trouble" (0.53) before the shop lines
        assertThat(ANALYZER.analyze("Is my personal data deleted if I close my account?").negative()).isFalse();
    }

    @Test
    void anger_and_positive_words() {
        assertThat(ANALYZER.analyze("你们就是骗子！！").angry()).isTrue();
        assertThat(ANALYZER.analyze("this is a scam").negative()).isTrue();
        assertThat(ANALYZER.analyze("thank you, great service").label()).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(ANALYZER.analyze("").label()).isEqualTo(Sentiment.Label.NEUTRAL);
    }

    private static List<SentimentAnalyzer.LabelledText> read(String resource) throws IOException {
        try (InputStream in = SentimentAnalyzerTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return SentimentAnalyzer.readTsv(in);
        }
    }

    private static int[] score(List<SentimentAnalyzer.LabelledText> set) {
        int correct = 0;
        for (SentimentAnalyzer.LabelledText t : set) {
            if (ANALYZER.analyze(t.text()).negative() == t.negative()) {
                correct++;
            }
        }
        return new int[] {correct, set.size()};
    }

    private static boolean isChinese(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
