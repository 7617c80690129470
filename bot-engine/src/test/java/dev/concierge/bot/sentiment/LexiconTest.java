package dev.concierge.bot.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LexiconTest {
    private static final Lexicon NEGATIVE = new Lexicon(List.of("失望", "!!"), Set.of("awful", "idiot", "idiots"),
            List.of("frustrat"), List.of("never again", "still hasn't"));
    /** The same entries written as the regular expression the lexicon stands in for. */
    private static final Pattern NEGATIVE_REGEX = Pattern.compile("失望|!!|\\bawful\\b|\\bidiots?\\b|\\bfrustrat\\w*"
            + "|\\bnever again\\b|\\bstill hasn't\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void matchesWholeWordsStemsPhrasesAndFragments() {
        assertThat(NEGATIVE.matches("This is AWFUL.")).isTrue();
        assertThat(NEGATIVE.matches("awfully good")).isFalse();
        assertThat(NEGATIVE.matches("I'm so Frustrated")).isTrue();
        assertThat(NEGATIVE.matches("unfrustrated")).isFalse();
        assertThat(NEGATIVE.matches("never again!")).isTrue();
        assertThat(NEGATIVE.matches("never  again")).isFalse();
        assertThat(NEGATIVE.matches("never against")).isFalse();
        assertThat(NEGATIVE.matches("it still hasn't come")).isTrue();
        assertThat(NEGATIVE.matches("很失望")).isTrue();
        assertThat(NEGATIVE.matches("where is it!!")).isTrue();
        assertThat(NEGATIVE.matches("idiot_proof")).isFalse();
        assertThat(NEGATIVE.matches("")).isFalse();
    }

    @Test
    void fragmentsInsideBenignWordsAndLongCodesDoNotCount() {
        Lexicon anger = new Lexicon(List.of("垃圾", "妈的", "12315"), Set.of(), List.of(), List.of(),
                List.of("垃圾袋", "我妈的", "妈妈的"));
        assertThat(anger.matches("垃圾袋有货吗")).isFalse();
        assertThat(anger.matches("垃圾袋也是垃圾")).isTrue();
        assertThat(anger.matches("我妈的手机号")).isFalse();
        assertThat(anger.matches("你妈的")).isTrue();
        assertThat(anger.matches("单号 SF1231500876")).isFalse();
        assertThat(anger.matches("我要打12315")).isTrue();
        assertThat(anger.matches("打 12315！")).isTrue();
    }

    @Test
    void agreesWithTheRegularExpressionOnEveryBundledSentence() throws IOException {
        List<String> texts = new ArrayList<>(List.of("AWFUL", "awful!", "x awful_y", "idiots", "Idiot's", "frustrat",
                "never again", "Never Again?", "still hasn't", "STILL HASN'T arrived", "İdiot", "ﬁdiots"));
        texts.addAll(sentences("/sentiment/train.tsv"));
        texts.addAll(sentences("/sentiment/test.tsv"));
        for (String text : texts) {
            assertThat(NEGATIVE.matches(text)).as(text).isEqualTo(NEGATIVE_REGEX.matcher(text).find());
        }
        assertThat(texts).hasSizeGreaterThan(200);
    }

    private static List<String> sentences(String resource) throws IOException {
        try (InputStream in = LexiconTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return SentimentAnalyzer.readTsv(in).stream().map(SentimentAnalyzer.LabelledText::text).toList();
        }
    }
}
