package dev.concierge.kb;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.entry.FaqEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultKnowledgeBaseTest {
    private static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.bundledDefault();
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @Test
    void bundledEntriesAreCompleteAndBilingual() {
        List<FaqEntry> entries = kb.entries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(60);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.questions().get("zh")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(e.questions().get("en")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(e.answers()).containsKeys("zh", "en");
            assertThat(e.sms()).containsKeys("zh", "en");
        });
        assertThat(entries).extracting(FaqEntry::id).contains("return_7_day_no_reason", "exchange_15_day",
                "warranty_30_day", "refund_arrival_time", "complaint_resolution_time", "contact_human_agent",
                "privacy_data_deletion", "business_hours");
    }

    /** A few of the held-out queries (heldout-queries.jsonl); the full set is measured by kb-eval. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "刚收到的衣服不太喜欢，还能退吗;return_7_day_no_reason",
            "退款一般几个工作日到;refund_arrival_time",
            "我的号被盗了;account_stolen",
            "人工客服;contact_human_agent",
            "forgot my password;account_password_reset",
            "please cancel my order;order_cancel",
            "how long until my complaint is resolved;complaint_resolution_time",
            "can you gift wrap it;gift_wrapping"})
    void answersHeldOutQueries(String text, String expected) {
        assertThat(kb.search(text, null, 3).top().orElseThrow().entryId()).isEqualTo(expected);
    }

    @Test
    void smsChannelGetsTheShortAnswer() {
        String sms = kb.answer("complaint_resolution_time", "zh", Channel.SMS).orElseThrow();
        assertThat(sms).hasSizeLessThanOrEqualTo(70).contains("24小时");
        assertThat(kb.answer("complaint_resolution_time", "en", Channel.WEB_CHAT).orElseThrow())
                .contains("7 working days", "48 hours", "2 working days", "24 hours");
    }
}
