package dev.concierge.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The order system's bilingual texts ("已揽收 Picked up") shown in the reply's language only. */
class BilingualTextsTest {

    @Test
    void eachHalfForItsLanguage() {
        assertThat(Flows.englishPart("到达转运中心 Arrived at hub")).isEqualTo("Arrived at hub");
        assertThat(Flows.chinesePart("到达转运中心 Arrived at hub")).isEqualTo("到达转运中心");
        assertThat(Flows.englishPart("蓝牙耳机 Bluetooth earbuds, T恤 T-shirt")).isEqualTo("Bluetooth earbuds, T-shirt");
        assertThat(Flows.chinesePart("蓝牙耳机 Bluetooth earbuds, T恤 T-shirt")).isEqualTo("蓝牙耳机, T恤");
    }

    @Test
    void aChineseTextNamingABrandOrCodeKeepsIt() {
        assertThat(Flows.chinesePart("已交给 SF Express")).isEqualTo("已交给 SF Express");
        assertThat(Flows.chinesePart("派件员 Li 电话 138")).isEqualTo("派件员 Li 电话 138");
        assertThat(Flows.chinesePart("只有中文")).isEqualTo("只有中文");
        assertThat(Flows.englishPart("English only")).isEqualTo("English only");
        assertThat(Flows.chinesePart("")).isEmpty();
    }
}
