package dev.concierge.kb;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.kb.index.RetrievalConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {
    /** Fixed model so these tests do not move when the default model is refitted. */
    private static final ConfidenceModel MODEL = new ConfidenceModel(-2.0, 4.0, 6.0, 0.0);
    private final KnowledgeBase kb = KnowledgeBase.of(TestEntries.all(), RetrievalConfig.tuned(),
            new FaqThresholds(0.6, 0.3), MODEL);

    @AfterEach
    void close() {
        kb.close();
    }

    @Test
    void exactParaphraseIsAnsweredWithTheMatchedQuestion() {
        FaqResult r = kb.search("How long does a refund take?", "en", 3);
        assertThat(r.decision()).isEqualTo(FaqDecision.ANSWER);
        FaqHit top = r.top().orElseThrow();
        assertThat(top.entryId()).isEqualTo("refund_arrival_time");
        assertThat(top.matchedQuestion()).isEqualTo("How long does a refund take");
        assertThat(top.confidence()).isBetween(0.6, 1.0);
    }

    @Test
    void chineseQueryWithoutLocaleIsDetected() {
        FaqResult r = kb.search("请问退款要多久才到账", null, 3);
        assertThat(r.locale()).isEqualTo("zh");
        assertThat(r.top().orElseThrow().entryId()).isEqualTo("refund_arrival_time");
    }

    @Test
    void ambiguousQueryAsksToClarifyWithTopCandidates() {
        FaqResult r = kb.search("how long does it take", "en", 5);
        assertThat(r.decision()).isEqualTo(FaqDecision.CLARIFY);
        assertThat(r.clarifyOptions()).extracting(FaqHit::entryId)
                .contains("refund_arrival_time", "shipping_time").hasSizeLessThanOrEqualTo(3);
        assertThat(r.hits().get(0).confidence()).isGreaterThanOrEqualTo(r.hits().get(1).confidence());
    }

    @Test
    void unrelatedQueryGetsNone() {
        assertThat(kb.search("quantum chromodynamics lecture", "en", 3).decision()).isEqualTo(FaqDecision.NONE);
        assertThat(kb.search("   ", "en", 3).hits()).isEmpty();
    }

    @Test
    void weakPartialMatchIsNotAnswered() {
        FaqResult r = kb.search("tell me about the history of parcel post in victorian england and scotland", "en", 3);
        assertThat(r.decision()).isNotEqualTo(FaqDecision.ANSWER);
    }

    @Test
    void thresholdsDecide() {
        FaqThresholds t = new FaqThresholds(0.7, 0.4);
        assertThat(t.decide(0.7)).isEqualTo(FaqDecision.ANSWER);
        assertThat(t.decide(0.69)).isEqualTo(FaqDecision.CLARIFY);
        assertThat(t.decide(0.4)).isEqualTo(FaqDecision.CLARIFY);
        assertThat(t.decide(0.39)).isEqualTo(FaqDecision.NONE);
        assertThatThrownBy(() -> new FaqThresholds(0.3, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answerTextByLocaleAndChannel() {
        assertThat(kb.answer("refund_arrival_time", "zh", Channel.SMS)).contains("退款1-3个工作日到账");
        assertThat(kb.answer("refund_arrival_time", "en", Channel.WEB_CHAT)).contains("Refunds arrive within 1-3 working days.");
        assertThat(kb.answer("shipping_time", "en", Channel.SMS)).contains("Orders ship within 24 hours and arrive in 1-3 days.");
        assertThat(kb.answer("account_password_reset", "zh-CN", Channel.EMAIL)).get().asString().startsWith("Tap");
        assertThat(kb.answer("nope", "en", Channel.SMS)).isEmpty();
    }

    @Test
    void editIsSearchableWithinOneSecond() {
        FaqEntry giftCard = new FaqEntry("gift_card_balance", "payment", Scenario.PRE_SALE,
                Map.of("en", List.of("How do I check my gift card balance")), Map.of("en", "Me > Gift cards."),
                null, null, TestEntries.T0);
        assertThat(kb.search("gift card balance", "en", 1).hits()).extracting(FaqHit::entryId).doesNotContain("gift_card_balance");
        long start = System.nanoTime();
        kb.put(giftCard);
        FaqResult r = kb.search("gift card balance", "en", 1);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
        assertThat(r.top().orElseThrow().entryId()).isEqualTo("gift_card_balance");

        kb.remove("gift_card_balance");
        assertThat(kb.search("gift card balance", "en", 3).hits()).extracting(FaqHit::entryId).doesNotContain("gift_card_balance");
    }

    @Test
    void replacedParaphrasesNoLongerMatch() {
        // Classifier off: only the index's postings decide. In a KB this size the replaced documents are a
        // small share of their segment, which is therefore not merged away: they stay in the postings and
        // must be skipped as deleted.
        try (KnowledgeBase lexical = KnowledgeBase.of(KnowledgeBase.readBundledEntries(),
                RetrievalConfig.tuned().withClassifierWeight(0), FaqThresholds.DEFAULT)) {
            String query = "How long does shipping take";
            assertThat(lexical.search(query, "en", 1).top().orElseThrow().entryId()).isEqualTo("shipping_time");

            FaqEntry old = lexical.entry("shipping_time").orElseThrow();
            lexical.put(new FaqEntry(old.id(), old.category(), old.scenario(),
                    Map.of("en", List.of("Where is my loyalty stamp card")), Map.of("en", "Me > Stamp card."),
                    null, null, TestEntries.T0));
            assertThat(lexical.search(query, "en", 5).hits()).extracting(FaqHit::entryId).doesNotContain("shipping_time");
            assertThat(lexical.search("loyalty stamp card", "en", 1).top().orElseThrow().entryId()).isEqualTo("shipping_time");
        }
    }

    @Test
    void plainBaselineRanksToo() {
        try (KnowledgeBase plain = KnowledgeBase.of(TestEntries.all(), RetrievalConfig.plainBm25(), FaqThresholds.DEFAULT)) {
            assertThat(plain.search("forgot password", "en", 3).top().orElseThrow().entryId()).isEqualTo("account_password_reset");
        }
    }

    @Test
    void concurrentSearchesDuringUpdatesStayConsistent() throws Exception {
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 30; i++) {
                kb.put(TestEntries.shipping());
            }
        });
        writer.start();
        for (int i = 0; i < 200; i++) {
            assertThat(kb.search("refund take", "en", 3).top().orElseThrow().entryId()).isEqualTo("refund_arrival_time");
        }
        writer.join();
    }
}
