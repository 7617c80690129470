package dev.concierge.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "Stop.", "STOP!", " stop ", "stop!!!", "stop ?", "退订。", "退订！", "stop\u00a0",
        "ＳＴＯＰ！", "stop…", "退订～", "“退订”", "\u3000td\u3000", "Cancel.", "\u200bstop"})
    void anOptOutKeywordWithSurroundingSpaceOrPunctuationIsAnOptOut(String body) {
        assertThat(SmsKeyword.of(body)).as("[%s]", body).contains(SmsKeyword.STOP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop sending me the wrong size", "don't stop", "st op", "stop. now", "退订了吗？",
        "stopp", "cancel my order", "取消"})
    void aSentenceWithTheWordIsNotAKeyword(String body) {
        assertThat(SmsKeyword.of(body)).as("[%s]", body).isEmpty();
    }

    @Test
    void startAndHelpAreNormalisedTheSameWay() {
        // our Chinese replies quote the keyword: 回复“订阅”可恢复
        assertThat(SmsKeyword.of("“订阅”")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("Start.")).contains(SmsKeyword.START);
        assertThat(SmsKeyword.of("help?")).contains(SmsKeyword.HELP);
        assertThat(SmsKeyword.of("帮助。")).contains(SmsKeyword.HELP);
        assertThat(SmsKeyword.isConversational("Yes!")).isTrue();
        assertThat(SmsKeyword.isConversational("yes please")).isFalse();
    }

    @Test
    void theKeywordsLanguageIsReadAfterNormalising() {
        assertThat(SmsKeyword.isChinese("退订。")).isTrue();
        assertThat(SmsKeyword.isChinese("ＴＤ")).isTrue();
        assertThat(SmsKeyword.isChinese("Stop!")).isFalse();
    }
}
