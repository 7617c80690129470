package dev.concierge.bot.language;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguageDetectorTest {

    private final LanguageDetector detector = new LanguageDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "where is my order|en",
            "我的订单到哪了|zh",
            "iPhone 15 Pro Max 有货吗|zh",
            "订单 SO20231122001 到哪了|zh",
            "where is my 快递|en",
            "my order 12345678 hasn't arrived|en",
            "退款 refund|zh",
            "ＷＨＥＲＥ ＩＳ ＭＹ ＯＲＤＥＲ|en",
            "人工|zh",
            "ok|en",
    })
    void detectsTheLanguageOfMixedText(String text, String expected) {
        assertThat(detector.detect(text)).isEqualTo(expected);
    }

    @Test
    void textWithoutLettersGetsTheFallback() {
        assertThat(detector.detect("20231122001")).isEqualTo("en");
        assertThat(detector.detect("???")).isEqualTo("en");
        assertThat(detector.detect("")).isEqualTo("en");
        assertThat(detector.detect(null)).isEqualTo("en");
        assertThat(new LanguageDetector("zh").detect("12345 !!")).isEqualTo("zh");
        assertThat(new LanguageDetector("zh").detect("SO20231122001")).isEqualTo("zh");
    }

    @Test
    void rejectsAnUnknownFallback() {
        assertThatThrownBy(() -> new LanguageDetector("fr")).isInstanceOf(IllegalArgumentException.class);
    }
}
