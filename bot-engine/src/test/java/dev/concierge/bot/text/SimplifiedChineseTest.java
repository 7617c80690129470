package dev.concierge.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimplifiedChineseTest {

    @Test
    void traditionalCharactersBecomeSimplified() {
        assertThat(SimplifiedChinese.of("有人盜用我的帳戶付款")).isEqualTo("有人盗用我的帐户付款");
        assertThat(SimplifiedChinese.of("退貨運費誰出？發票怎麼開")).isEqualTo("退货运费谁出？发票怎么开");
    }

    @Test
    void everythingElseIsLeftAsItIs() {
        String simplified = "我的订单DD20261103003到哪了 where is it? 😡";
        assertThat(SimplifiedChinese.of(simplified)).isSameAs(simplified);
        assertThat(SimplifiedChinese.of("訂單DD20261103003 where")).isEqualTo("订单DD20261103003 where");
        assertThat(SimplifiedChinese.of("")).isEmpty();
    }
}
