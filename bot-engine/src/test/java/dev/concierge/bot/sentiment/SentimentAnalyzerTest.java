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
    void angryFacesAloneAreUpset() {
        // "😡😡😡" scored 0.23, calm
        assertThat(ANALYZER.analyze("😡😡😡").negative()).isTrue();
        assertThat(ANALYZER.analyze("👍 thanks").negative()).isFalse();
    }

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
        // the commonest question of all, typed without a question mark, scored 0.51 and got an apology
        assertThat(ANALYZER.analyze("where is my order DD20261104004").negative()).isFalse();
        // a plain request for a person (0.51-0.56 before): it got an apology and a higher priority
        assertThat(ANALYZER.analyze("我要找真人").negative()).isFalse();
        assertThat(ANALYZER.analyze("我要人工客服").negative()).isFalse();
        // a change of mind is a return reason, not a grievance (it got "非常抱歉给您带来不便")
        assertThat(ANALYZER.analyze("不想要了").negative()).isFalse();
        // still upset when it says so
        assertThat(ANALYZER.analyze("机器人客服能不能别复读了，我要找人工！！").negative()).isTrue();
    }

    @Test
    void shop_words_around_strong_words_are_calm() {
        // a drum washer, bin bags, an ICBC card, my mother's name, a camera setting, a smoke alarm, an exfoliating
        // gel, a rock album, a price of 315 yuan, "orders under 99 yuan", a tracking number
        for (String calm : List.of("滚筒洗衣机有货吗", "这个滚轮行李箱有货吗", "垃圾袋什么时候发货", "厨房垃圾桶有大号的吗",
                "可以用工商银行卡付款吗", "收货人改成我妈的名字", "他妈妈的生日礼物能包装吗", "宝妈的待产包什么时候到",
                "这款相机的曝光补偿怎么调", "烟雾报警器支持退货吗", "去死皮凝胶适合敏感肌吗", "这张摇滚专辑是黑胶吗",
                "我的订单金额是315元，可以开发票吗", "不满99元包邮吗", "不满足条件可以退吗", "快递单号SF1231500876到哪了",
                "My order total was 315 dollars, can I get an invoice?")) {
            assertThat(ANALYZER.analyze(calm).negative()).as(calm).isFalse();
        }
    }

    @Test
    void exclamation_marks_make_upset_messages_angry_and_leave_happy_ones_alone() {
        for (String happy : List.of("Thanks so much!!", "谢谢！！", "Hi!! do you ship to Canada?", "收到了，太好了！！")) {
            assertThat(ANALYZER.analyze(happy).negative()).as(happy).isFalse();
        }
        for (String shouted : List.of("Where is my refund?? It's been a month and nobody answers!!", "说了多少次了还没发货！！")) {
            assertThat(ANALYZER.analyze(shouted).angry()).as(shouted).isTrue();
        }
    }

    @Test
    void strong_words_on_their_own_are_anger() {
        for (String angry : List.of("他妈的什么破服务", "滚！", "你们都给我滚", "我要打12315投诉你们", "再不处理我就报警",
                "我要去网上曝光你们", "垃圾服务", "你妈的", "我去工商局举报你们", "你们这是欺诈", "this is a scam")) {
            assertThat(ANALYZER.analyze(angry).angry()).as(angry).isTrue();
        }
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
