package dev.concierge.bot.nlu;

import dev.concierge.kb.FaqResult;
import dev.concierge.kb.FaqThresholds;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.kb.TextEmbedder;
import dev.concierge.kb.TextEmbedderContract;
import dev.concierge.kb.index.RetrievalConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base's embedder backed by the real bge-small encoders (loads two ONNX models: an integration test). */
class KnowledgeBaseEmbedderIT implements TextEmbedderContract {

    private static BgeSmallEnEncoder english;
    private static BgeSmallZhEncoder chinese;
    private static KnowledgeBaseEmbedder embedder;

    @BeforeAll
    static void load() {
        english = new BgeSmallEnEncoder();
        chinese = new BgeSmallZhEncoder();
        embedder = new KnowledgeBaseEmbedder(english, chinese);
    }

    @AfterAll
    static void close() {
        english.close();
        chinese.close();
    }

    @Override
    public TextEmbedder embedder() {
        return embedder;
    }

    @Test
    void namesBothModelsAndUsesEachLanguagesOwnDimension() {
        assertThat(embedder.modelId()).isEqualTo(BilingualEncoder.DEFAULT_NAME);
        assertThat(embedder.dimension("en")).isEqualTo(384);
        assertThat(embedder.dimension("zh")).isEqualTo(512);
    }

    @Test
    void theBundledKnowledgeBaseAnswersWithDenseRankingOn() {
        try (KnowledgeBase kb = KnowledgeBase.of(KnowledgeBase.readBundledEntries(), RetrievalConfig.tuned(),
                FaqThresholds.DEFAULT, embedder)) {
            assertThat(kb.dense()).isTrue();
            FaqResult en = kb.search("how many days do I have to send something back without a reason", "en", 3);
            assertThat(en.top()).isPresent();
            FaqResult zh = kb.search("退款多久能到账", "zh", 3);
            assertThat(zh.top()).isPresent();
            assertThat(kb.search("xqzt blorf", "en", 3).hits()).isEmpty();
        }
    }
}
