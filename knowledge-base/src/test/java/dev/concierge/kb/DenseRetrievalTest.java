package dev.concierge.kb;

import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.kb.index.RetrievalConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DenseRetrievalTest {
    private static final ConfidenceModel MODEL = new ConfidenceModel(-2.0, 4.0, 6.0, 0.0);
    private static final FaqThresholds THRESHOLDS = new FaqThresholds(0.6, 0.3);

    private static FaqEntry entry(String id, String... english) {
        return new FaqEntry(id, "test", Scenario.AFTER_SALE, Map.of("en", List.of(english)),
                Map.of("en", "Answer of " + id + "."), Map.of(), List.of(), TestEntries.T0);
    }

    /** Two entries the query's words fit equally well, and one the query shares no word with. */
    private static List<FaqEntry> entries() {
        return List.of(
                entry("order_return", "How do I return my order", "Send my order back"),
                entry("order_tracking", "Where is my order", "Track my order"),
                entry("parcel_missing", "The parcel never came", "Nothing was delivered"));
    }

    private static KnowledgeBase kb(List<FaqEntry> entries, RetrievalConfig config, TextEmbedder embedder) {
        return KnowledgeBase.of(entries, config, THRESHOLDS, embedder);
    }

    @Test
    void withoutAnEmbedderTheRankingIsTheLexicalOne() {
        List<String> queries = List.of("How long does a refund take?", "请问退款要多久才到账", "how long does it take",
                "password", "my parcel", "quantum chromodynamics lecture");
        try (KnowledgeBase lexical = KnowledgeBase.of(TestEntries.all(), RetrievalConfig.tuned(), THRESHOLDS, MODEL);
             KnowledgeBase noEmbedder = kb(TestEntries.all(), RetrievalConfig.tuned(), null);
             KnowledgeBase weightZero = kb(TestEntries.all(), RetrievalConfig.tuned().withDense(0, 0.05f, 0), new ConceptEmbedder())) {
            assertThat(noEmbedder.dense()).isFalse();
            assertThat(weightZero.dense()).isFalse();
            assertThat(noEmbedder.confidenceModel()).isEqualTo(ConfidenceModel.DEFAULT);
            for (String q : queries) {
                List<String> expected = lexical.search(q, null, 5).hits().stream().map(FaqHit::entryId).toList();
                assertThat(noEmbedder.search(q, null, 5).hits()).extracting(FaqHit::entryId).as(q).isEqualTo(expected);
                assertThat(weightZero.search(q, null, 5).hits()).extracting(FaqHit::entryId).as(q).isEqualTo(expected);
            }
        }
    }

    private static int rank(FaqResult r, String entryId) {
        List<String> ids = r.hits().stream().map(FaqHit::entryId).toList();
        return ids.contains(entryId) ? ids.indexOf(entryId) + 1 : Integer.MAX_VALUE;
    }

    @Test
    void fusionRaisesAParaphraseOnlyTheDensePathFinds() {
        String query = "my stuff has still not arrived";  // only "my" is in a paraphrase, of the two wrong entries
        try (KnowledgeBase lexical = kb(entries(), RetrievalConfig.tuned(), null);
             KnowledgeBase dense = kb(entries(), RetrievalConfig.tuned(), new ConceptEmbedder());
             KnowledgeBase lighter = kb(entries(), RetrievalConfig.tuned().withDense(0.2f, 0.05f, 0), new ConceptEmbedder())) {
            assertThat(dense.dense()).isTrue();
            FaqResult before = lexical.search(query, "en", 5);
            assertThat(before.top().orElseThrow().entryId()).isNotEqualTo("parcel_missing");
            FaqResult after = dense.search(query, "en", 5);
            assertThat(after.top().orElseThrow().entryId()).isEqualTo("parcel_missing");
            assertThat(after.top().orElseThrow().matchedQuestion()).isIn("The parcel never came", "Nothing was delivered");
            // a light dense weight moves it up without overruling the lexical evidence
            FaqResult light = lighter.search(query, "en", 5);
            assertThat(rank(light, "parcel_missing")).isLessThanOrEqualTo(rank(before, "parcel_missing"));
        }
    }

    @Test
    void aQueryWithNoKnownWordFindsNothingEvenWithVectors() {
        try (KnowledgeBase dense = kb(entries(), RetrievalConfig.tuned(), new ConceptEmbedder())) {
            FaqResult r = dense.search("xqzt blorf", "en", 3);
            assertThat(r.decision()).isEqualTo(FaqDecision.NONE);
            assertThat(r.hits()).isEmpty();
        }
    }

    @Test
    void thresholdsStillDecideOnTheFusedRanking() {
        try (KnowledgeBase dense = KnowledgeBase.of(TestEntries.all(), RetrievalConfig.tuned(), THRESHOLDS, MODEL)) {
            assertThat(dense.search("How long does a refund take?", "en", 3).decision()).isEqualTo(FaqDecision.ANSWER);
        }
        try (KnowledgeBase dense = new KnowledgeBase(RetrievalConfig.tuned(), THRESHOLDS, MODEL, new ConceptEmbedder())) {
            dense.replaceAll(TestEntries.all());
            FaqResult exact = dense.search("How long does a refund take?", "en", 3);
            assertThat(exact.decision()).isEqualTo(FaqDecision.ANSWER);
            assertThat(exact.top().orElseThrow().entryId()).isEqualTo("refund_arrival_time");
            assertThat(dense.search("how long does it take", "en", 5).decision()).isEqualTo(FaqDecision.CLARIFY);
            assertThat(dense.search("quantum chromodynamics lecture", "en", 3).decision()).isEqualTo(FaqDecision.NONE);
        }
    }

    @Test
    void anEditIsSearchableAtOnceAndEmbedsOnlyItsNewParaphrases() {
        ConceptEmbedder embedder = new ConceptEmbedder();
        try (KnowledgeBase dense = kb(entries(), RetrievalConfig.tuned(), embedder)) {
            int afterBuild = embedder.calls();
            assertThat(afterBuild).isEqualTo(6);
            dense.put(entry("refund_time", "When is my refund paid", "How long does a refund take", "Where is my order"));
            assertThat(embedder.calls()).isEqualTo(afterBuild + 2); // "Where is my order" was embedded already
            assertThat(dense.search("how long until the refund is paid", "en", 3).top().orElseThrow().entryId())
                    .isEqualTo("refund_time");
            dense.remove("refund_time");
            assertThat(dense.search("how long until the refund is paid", "en", 3).hits())
                    .extracting(FaqHit::entryId).doesNotContain("refund_time");
        }
    }

    @Test
    void chineseQueriesUseTheChineseVectors() {
        try (KnowledgeBase dense = kb(TestEntries.all(), RetrievalConfig.tuned(), new ConceptEmbedder())) {
            assertThat(dense.search("请问退款要多久才到账", null, 3).top().orElseThrow().entryId()).isEqualTo("refund_arrival_time");
            assertThat(dense.search("快递几天能到货", "zh", 3).top().orElseThrow().entryId()).isEqualTo("shipping_time");
        }
    }
}
