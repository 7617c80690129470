package dev.concierge.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSizerTest {

    @Test
    void detectsGsm7IncludingTheExtensionTable() {
        assertThat(SmsSizer.encodingOf("Your order #123 ships today. Cost: €5 {ok} [x]")).isEqualTo(SmsEncoding.GSM_7);
        assertThat(SmsSizer.encodingOf("café à Zürich")).isEqualTo(SmsEncoding.GSM_7);
        assertThat(SmsSizer.encodingOf("您的订单已发货")).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSizer.encodingOf("ok 👍")).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSizer.encodingOf("naïve")).isEqualTo(SmsEncoding.UCS_2); // ï is not GSM-7
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        assertThat(SmsSizer.units("€{}")).isEqualTo(6);
        assertThat(SmsSizer.segmentCount("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSizer.segmentCount("a".repeat(159) + "€")).isEqualTo(2);
        assertThat(SmsSizer.segmentCount("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSizer.segmentCount("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSizer.segmentCount("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void ucs2SegmentsAre70Then67AndNeverSplitSurrogatePairs() {
        assertThat(SmsSizer.segmentCount("好".repeat(70))).isEqualTo(1);
        assertThat(SmsSizer.segmentCount("好".repeat(71))).isEqualTo(2);
        assertThat(SmsSizer.segmentCount("好".repeat(134))).isEqualTo(2);
        assertThat(SmsSizer.segmentCount("好".repeat(135))).isEqualTo(3);
        String emoji = "好".repeat(66) + "😀" + "好";
        for (String part : SmsSizer.split(emoji)) {
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        }
    }

    @Test
    void fiveHundredChineseCharactersAreSizedAndCutAtASentence() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 500) {
            sb.append("您的退货申请已经收到，我们会在三个工作日内完成审核。");
        }
        String answer = sb.substring(0, 500);
        assertThat(answer).hasSize(500);
        assertThat(SmsSizer.encodingOf(answer)).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSizer.segmentCount(answer)).isEqualTo(8); // ceil(500 / 67)

        SmsSizer.Fit fit = SmsSizer.fit(answer, "", 3);
        assertThat(fit.shortened()).isTrue();
        assertThat(fit.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(fit.segments()).isLessThanOrEqualTo(3);
        assertThat(fit.body().length()).isLessThanOrEqualTo(3 * 67);
        assertThat(fit.body()).endsWith("。");
        assertThat(answer).startsWith(fit.body());
    }

    @Test
    void theShortAnswerIsPreferredWhenTheFullOneIsTooLong() {
        String full = "退货政策：" + "商品签收后七天内可以无理由退货，请保持商品完好。".repeat(20);
        SmsSizer.Fit fit = SmsSizer.fit(full, "签收7天内可无理由退货。", 2);
        assertThat(fit.body()).isEqualTo("签收7天内可无理由退货。");
        assertThat(fit.segments()).isEqualTo(1);
    }

    @Test
    void englishIsCutAtAWordWithAnEllipsis() {
        String full = "word ".repeat(100).strip();
        SmsSizer.Fit fit = SmsSizer.fit(full, null, 1);
        assertThat(fit.segments()).isEqualTo(1);
        assertThat(fit.body()).endsWith("word...");
        assertThat(fit.body().length()).isLessThanOrEqualTo(160);
    }

    @Test
    void shortTextIsUntouched() {
        SmsSizer.Fit fit = SmsSizer.fit("Your parcel arrives tomorrow.", "", 3);
        assertThat(fit.shortened()).isFalse();
        assertThat(fit.body()).isEqualTo("Your parcel arrives tomorrow.");
    }
}
