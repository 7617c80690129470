package dev.concierge.bot.text;

import static dev.concierge.bot.text.ChineseScript.SIMPLIFIED;
import static dev.concierge.bot.text.ChineseScript.TRADITIONAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseScriptTest {

    @Test
    void traditionalOnlyCharactersMakeATraditionalWriter() {
        assertThat(ChineseScript.of("我的訂單到哪了", SIMPLIFIED)).isEqualTo(TRADITIONAL);
        assertThat(ChineseScript.of("我要退貨", SIMPLIFIED)).isEqualTo(TRADITIONAL);
        assertThat(ChineseScript.of("件衫太細，點樣退？", SIMPLIFIED)).as("Cantonese, Hong Kong").isEqualTo(TRADITIONAL);
        assertThat(ChineseScript.of("DD20261103003 什麼時候到", SIMPLIFIED)).isEqualTo(TRADITIONAL);
    }

    @Test
    void clearlySimplifiedTextSwitchesBack() {
        assertThat(ChineseScript.of("我的订单到哪了", TRADITIONAL)).isEqualTo(SIMPLIFIED);
        assertThat(ChineseScript.of("发票怎么开", TRADITIONAL)).isEqualTo(SIMPLIFIED);
    }

    @Test
    void messagesWithNeitherKeepWhatWasDecided() {
        for (String neutral : new String[] {"好的", "1", "DD20261103003", "where is my order?", "", "人工", "不是",
                "可以", "😡"}) {
            assertThat(ChineseScript.of(neutral, TRADITIONAL)).as(neutral).isEqualTo(TRADITIONAL);
            assertThat(ChineseScript.of(neutral, SIMPLIFIED)).as(neutral).isEqualTo(SIMPLIFIED);
        }
    }

    @Test
    void charactersBothScriptsWriteDecideNothing() {
        // 著 (著名), 乾 (乾坤) are Simplified too; 后 (皇后), 面, 里, 台, 只, 干 are Traditional characters of their own
        assertThat(ChineseScript.of("著名品牌", SIMPLIFIED)).isEqualTo(SIMPLIFIED);
        assertThat(ChineseScript.of("皇后面里台只干", TRADITIONAL)).isEqualTo(TRADITIONAL);
    }

    @Test
    void aMixedMessageGoesWithTheMajority() {
        assertThat(ChineseScript.of("我的訂單订单", SIMPLIFIED)).as("as many of both").isEqualTo(SIMPLIFIED);
        assertThat(ChineseScript.of("我的訂單订单", TRADITIONAL)).isEqualTo(TRADITIONAL);
        assertThat(ChineseScript.of("我的訂單到哪了，單號见下", SIMPLIFIED)).isEqualTo(TRADITIONAL);
    }
}
