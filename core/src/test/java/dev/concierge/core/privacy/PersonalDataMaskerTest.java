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
    void leavesOrdinaryTextAlone() {
        assertThat(masker.mask("Where is my order? 我的快递到哪了")).isEqualTo("Where is my order? 我的快递到哪了");
        assertThat(masker.mask(null)).isNull();
    }
}
