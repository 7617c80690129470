package dev.concierge.bot.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {
    private final EntityExtractor extractor = new EntityExtractor(
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void order_numbers_in_both_formats_but_not_phones() {
        Entities e = extractor.extract("订单号dd20261103003，另一个是 202611220000123456，电话13800138000");
        assertThat(e.orderNumbers()).containsExactly("DD20261103003", "202611220000123456");
        assertThat(e.phones()).containsExactly("13800138000");
    }

    @Test
    void order_numbers_written_in_dashed_groups_or_full_width() {
        assertThat(extractor.extract("where is #DD-2026-1103-003?").orderNumbers()).containsExactly("DD20261103003");
        assertThat(extractor.extract("订单号：DD 2026 1103 003").orderNumbers()).containsExactly("DD20261103003");
        assertThat(extractor.extract("DD20261103003 100元").orderNumbers()).containsExactly("DD20261103003");
        assertThat(extractor.extract("DD20261103003 100元").amounts()).hasSize(1);
        assertThat(extractor.extract("订单ＤＤ２０２６１１０３００３到哪了").orderNumbers()).containsExactly("DD20261103003");
        assertThat(extractor.extract("电话１３８００１３８０００").phones()).containsExactly("13800138000");
        // too few digits for an order, even with dashes; a date after it stays a date
        assertThat(extractor.extract("DD-12-34 on 2026-11-20").orderNumbers()).isEmpty();
        assertThat(extractor.extract("DD-12-34 on 2026-11-20").dates()).containsExactly(LocalDate.of(2026, 11, 20));
    }

    @Test
    void a_resident_id_number_is_not_an_order_number() {
        assertThat(extractor.extract("我的身份证号是110101199003077774").orderNumbers()).isEmpty();
        assertThat(extractor.extract("ID 44030519851231002X, order 202611220000123456").orderNumbers())
                .containsExactly("202611220000123456");
    }

    @Test
    void a_bank_card_number_is_not_an_order_number_unless_called_one() {
        // the UnionPay number showed in clear on the agent's card as an order number ("没有查到订单 ****0123")
        assertThat(extractor.extract("我的银行卡6222021234567890123被扣款了").orderNumbers()).isEmpty();
        assertThat(extractor.extract("card 4111111111111111 was charged twice").orderNumbers()).isEmpty();
        assertThat(extractor.extract("银行卡６２２２０２１２３４５６７８９０１２３扣了钱，订单202611220000123456").orderNumbers())
                .containsExactly("202611220000123456");
        // called an order, it is one: some order numbers pass the Luhn check too
        assertThat(extractor.extract("订单号：6222021234567890123").orderNumbers()).containsExactly("6222021234567890123");
        assertThat(extractor.extract("单号是 4111111111111111").orderNumbers()).containsExactly("4111111111111111");
        assertThat(extractor.extract("Order number: 4111111111111111?").orderNumbers())
                .containsExactly("4111111111111111");
        assertThat(extractor.extract("order #4111111111111111").orderNumbers()).containsExactly("4111111111111111");
    }

    @Test
    void phones_and_emails() {
        Entities e = extractor.extract("call me at +86 138-0013-8000 or +1 415 555 0100, mail jane.doe@example.com");
        assertThat(e.phones()).containsExactly("13800138000", "+14155550100");
        assertThat(e.emails()).containsExactly("jane.doe@example.com");
        assertThat(e.orderNumbers()).isEmpty();
    }

    @Test
    void taiwan_mobile_numbers_as_written_there() {
        // the change-address flow asked a shopper from Taipei again and again for an 11-digit number
        assertThat(extractor.extract("0912345678").phones()).containsExactly("+886912345678");
        assertThat(extractor.extract("手機 0912-345-678").phones()).containsExactly("+886912345678");
        assertThat(extractor.extract("+886 912 345 678").phones()).containsExactly("+886912345678");
        // a landline, a longer number and a shorter one are not Taiwan mobiles
        assertThat(extractor.extract("02-2345-6789").phones()).isEmpty();
        assertThat(extractor.extract("09123456789").phones()).isEmpty();
        assertThat(extractor.extract("091234567").phones()).isEmpty();
    }

    @Test
    void amounts_in_yuan_and_dollars() {
        Entities e = extractor.extract("付了¥199.5，退了30元，还有 $12 and 5 dollars");
        assertThat(e.amounts()).extracting(Entities.Amount::value, Entities.Amount::currency).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("199.5"), "CNY"),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("12"), "USD"),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("30"), "CNY"),
                org.assertj.core.groups.Tuple.tuple(new BigDecimal("5"), "USD"));
    }

    @Test
    void absolute_and_relative_dates() {
        assertThat(extractor.extract("明天能到吗").dates()).containsExactly(LocalDate.of(2026, 11, 23));
        assertThat(extractor.extract("it was due yesterday").dates()).containsExactly(LocalDate.of(2026, 11, 21));
        assertThat(extractor.extract("下单日期 2026-11-20，11月22日发货").dates())
                .containsExactly(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22));
        assertThat(extractor.extract("ordered on Nov 3rd, today nothing").dates())
                .containsExactly(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 22));
        assertThat(extractor.extract("2026-02-30").dates()).isEmpty();
    }

    @Test
    void nothing_in_plain_text() {
        assertThat(extractor.extract("hello there").isEmpty()).isTrue();
        assertThat(extractor.extract(null).isEmpty()).isTrue();
    }
}
