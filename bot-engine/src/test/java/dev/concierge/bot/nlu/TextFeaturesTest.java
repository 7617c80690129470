package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextFeaturesTest {

    private static List<String> tokens(String text) {
        return TextFeatures.tokenize(text).stream().map(TextFeatures.Token::text).toList();
    }

    private static List<String> features(Profile profile, String text) {
        List<String> out = new ArrayList<>();
        new TextFeatures(profile).features(text, out::add);
        return out;
    }

    @Test
    void normalisesEnglish() {
        assertThat(tokens("Where's my ORDERS?!")).containsExactly("where", "my", "order");
        assertThat(tokens("I don't have the Deliveries")).containsExactly("i", "dont", "have", "the", "delivery");
        assertThat(tokens("ＦＵＬＬ－ｗｉｄｔｈ ｔｅｘｔ")).containsExactly("full", "width", "text");
        assertThat(tokens("address glass status")).containsExactly("address", "glass", "status");
    }

    @Test
    void mapsNumbersAndOrderIdsToShapes() {
        assertThat(tokens("order 20231122001 and SO8812345, 3 items, size 42, 5g"))
                .containsExactly("order", "#id", "and", "#id", "#num", "item", "size", "#num", "5g");
    }

    @Test
    void splitsChineseIntoHanRunsAndKeepsLatinWords() {
        assertThat(TextFeatures.tokenize("我的订单SO20231122001到哪了？iPhone有货吗"))
                .extracting(TextFeatures.Token::text, TextFeatures.Token::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("我的订单", TextFeatures.Kind.HAN),
                        org.assertj.core.groups.Tuple.tuple("#id", TextFeatures.Kind.NUMBER),
                        org.assertj.core.groups.Tuple.tuple("到哪了", TextFeatures.Kind.HAN),
                        org.assertj.core.groups.Tuple.tuple("iphone", TextFeatures.Kind.WORD),
                        org.assertj.core.groups.Tuple.tuple("有货吗", TextFeatures.Kind.HAN));
    }

    @Test
    void chineseGivesCharacterNgrams() {
        assertThat(features(Profile.FAST, "退款"))
                .containsExactlyInAnyOrder("h1:退", "h1:款", "h2:退款");
        assertThat(features(Profile.LEXICAL, "退款了"))
                .contains("h1:退", "h2:退款", "h2:款了", "h3:退款了");
    }

    @Test
    void englishGivesWordsBigramsAndInDefaultCharacterNgrams() {
        assertThat(features(Profile.FAST, "refund please"))
                .containsExactlyInAnyOrder("w:refund", "b:<s>_refund", "w:please", "b:refund_please", "b:please_</s>");
        assertThat(features(Profile.LEXICAL, "refund")).contains("w:refund", "c:<re", "c:fund>", "c:efun");
    }
}
