package dev.concierge.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {
    private final PersonalDataMasker masker = new PersonalDataMasker();

    @Test
    void masksEmailsAndPhones() {
        String masked = masker.mask("联系我 zhang.san@example.com 或 138 0013 8000, or +1 415-555-0123");
        assertThat(masked).doesNotContain("zhang.san@", "0013", "555-0123");
        assertThat(masked).contains("z***@example.com", "138****8000", "+141****0123");
    }

    @Test
    void masksIdCardsAndLuhnValidCardsButKeepsOrderNumbers() {
        String masked = masker.mask("身份证 110101199003074578 卡号 4111 1111 1111 1111 订单 2026112200012345");
        assertThat(masked).doesNotContain("199003074578", "4111 1111 1111 1111");
        assertThat(masked).contains("110*************78", "****1111");
        // Not a valid Luhn number: an order number stays readable for agents and curators.
        assertThat(masked).contains("2026112200012345");
    }

    @Test
    void masksIdNumbersWrittenInGroups() {
        // the usual 6-8-4 grouping was stored unmasked in the unanswered-question log
        assertThat(masker.mask("asdf 身份证 110105 19491231 002X")).doesNotContain("19491231").contains("110", "2X");
        assertThat(masker.mask("ID 110105-19491231-0021 thanks")).doesNotContain("19491231");
        assertThat(PersonalDataMasker.isResidentId("110105 19491231 002X")).isFalse(); // the 18-character shape only
    }

    @Test
    void masksLandlinesAndUnionPayCards() {
        assertThat(masker.mask("call 021 6234 5678")).isEqualTo("call 021-****78");
        assertThat(masker.mask("call 021-62345678 now")).isEqualTo("call 021-****78 now");
        assertThat(masker.mask("(021) 6234-5678")).isEqualTo("(021)-****78");
        assertThat(masker.mask("0571-87654321")).isEqualTo("0571-****21");
        // a UnionPay debit number that fails the Luhn check is a card all the same
        assertThat(masker.mask("card 6222 0212 3456 7890 123")).isEqualTo("card ****0123");
    }

    @Test
    void masksFullWidthDigitsLettersAndSigns() {
        // typed by a Chinese input method, these were stored verbatim in the unanswered-question log
        assertThat(masker.mask("手机号１３８１２３４５６７８")).isEqualTo("手机号138****5678");
        assertThat(masker.mask("邮箱ｚｈａｎｇ＠ｑｑ．ｃｏｍ")).isEqualTo("邮箱z***@qq.com");
        assertThat(masker.mask("身份证１１０１０１１９９００３０７４５７Ｘ")).isEqualTo("身份证110*************7X");
        assertThat(masker.mask("卡号４１１１　１１１１　１１１１　１１１１。")).isEqualTo("卡号****1111。");
        assertThat(masker.mask("座机（０２１）６２３４５６７８")).isEqualTo("座机(021)-****78");
        // only the masked span turns ASCII; the full-width punctuation and an order number around it stay as typed
        assertThat(masker.mask("您好，订单ＤＤ２０２６１１０３００３，电话１３８１２３４５６７８！谢谢？"))
                .isEqualTo("您好，订单ＤＤ２０２６１１０３００３，电话138****5678！谢谢？");
        assertThat(masker.mask("订单ＤＤ２０２６１１０３００３到哪了？")).isEqualTo("订单ＤＤ２０２６１１０３００３到哪了？");
    }

    @Test
    void masksLandlinesWhateverDigitTheLocalNumberStartsWith() {
        // stored unmasked: only local numbers starting with 2-9 were recognised
        assertThat(masker.mask("座机021-12345678打不通")).isEqualTo("座机021-****78打不通");
        assertThat(masker.mask("tel 010 1234 5678")).isEqualTo("tel 010-****78");
        assertThat(masker.mask("(0755)1234567")).isEqualTo("(0755)-****67");
        assertThat(masker.mask("0571-87654321")).isEqualTo("0571-****21");
        // order numbers, dates, amounts and mobiles are as before
        String notLandlines = "订单DD20261103003于2026-11-20付款1234.50元, 退0.50元, 202611220000123456, 2026-01-05";
        assertThat(masker.mask(notLandlines)).isEqualTo(notLandlines);
        assertThat(masker.mask("手机13812345678")).isEqualTo("手机138****5678");
        assertThat(masker.mask("电话 138-1234-5678")).isEqualTo("电话 138****5678");
    }

    @Test
    void tellsBankCardNumbers() {
        assertThat(PersonalDataMasker.isBankCard("4111111111111111")).isTrue(); // Luhn
        assertThat(PersonalDataMasker.isBankCard("6222021234567890123")).isTrue(); // UnionPay, not Luhn
        assertThat(PersonalDataMasker.isBankCard("202611220000123456")).isFalse();
        assertThat(PersonalDataMasker.isBankCard("4111 1111 1111 1111")).isFalse(); // digits only
        assertThat(PersonalDataMasker.isBankCard("411111111117")).isFalse(); // Luhn-valid but too short
        assertThat(PersonalDataMasker.isBankCard(null)).isFalse();
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(masker.mask("Where is my order? 我的快递到哪了")).isEqualTo("Where is my order? 我的快递到哪了");
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void masksEachKindAloneAtTheEdgesOfTheText() {
        // The quick scan that skips patterns which cannot match must not skip these.
        assertThat(masker.mask("13800138000")).isEqualTo("138****8000");
        assertThat(masker.mask("+44 20 7946 0958")).doesNotContain("7946");
        assertThat(masker.mask("a@b.co")).isEqualTo("a***@b.co");
        assertThat(masker.mask("4111-1111-1111-1111")).isEqualTo("****1111");
        assertThat(masker.mask("11010119900307457X")).isEqualTo("110*************7X");
        assertThat(masker.mask("card 4111 1111 1111 1111.")).isEqualTo("card ****1111.");
    }

    @Test
    void leavesIdentifiersAndShortNumbersAlone() {
        String line = "conversation c-684b3377-3478-4ab2-94b2-c66d9f869ddc opened on web_chat, order 1234 5678 x2";
        assertThat(masker.mask("c-1e0a9c3b-0211-4567-8901-23456789abcd at 2026-01-05T10:00:00Z"))
                .isEqualTo("c-1e0a9c3b-0211-4567-8901-23456789abcd at 2026-01-05T10:00:00Z");
        assertThat(masker.mask(line)).isEqualTo(line);
        assertThat(masker.mask("bot answer intent=faq confidence=0.950")).isEqualTo("bot answer intent=faq confidence=0.950");
    }
}
