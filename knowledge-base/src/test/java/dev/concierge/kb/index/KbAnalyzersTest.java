package dev.concierge.kb.index;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KbAnalyzersTest {
    private static final KbAnalyzers ANALYZERS = new KbAnalyzers();

    private static final KbAnalyzers SHOP = KbAnalyzers.withShopVocabulary();

    @AfterAll
    static void close() {
        ANALYZERS.close();
        SHOP.close();
    }

    @Test
    void shopVocabularyMapsEnglishVariantsToTheKnowledgeBaseWord() {
        assertThat(SHOP.terms("q_en", "my voucher")).isEqualTo(SHOP.terms("q_en", "my coupon"));
        assertThat(SHOP.terms("q_en", "is cash on delivery possible")).contains("cod").doesNotContain("cash", "deliveri");
        assertThat(SHOP.terms("q_en", "when is it dispatched")).contains("ship");
        // "receipt" keeps its own meaning (confirm receipt is not an invoice)
        assertThat(SHOP.terms("q_en", "confirm receipt")).containsExactly("confirm", "receipt");
        assertThat(ANALYZERS.terms("q_en", "my voucher")).containsExactly("my", "voucher");
    }

    @Test
    void shopVocabularyRewritesChineseVariantsBeforeSegmentingAndBigrams() {
        assertThat(SHOP.terms("q_zhbi", "怎么寄修")).contains("送修").doesNotContain("寄修");
        assertThat(SHOP.terms("q_zh", "客服热线")).isEqualTo(SHOP.terms("q_zh", "客服客服电话"));
        assertThat(ANALYZERS.terms("q_zhbi", "怎么寄修")).contains("寄修");
    }

    @Test
    void englishStemsLowercasesAndDropsStopWordsButKeepsNegation() {
        assertThat(ANALYZERS.terms("q_en", "The Refunds were NOT received"))
                .containsExactly("refund", "were", "not", "receiv");
        assertThat(ANALYZERS.terms("q_en", "returning returned returns")).containsOnly("return");
        assertThat(ANALYZERS.terms("q_en", "customer's orders")).containsExactly("custom", "order");
    }

    @Test
    void chatContractionsBecomeNegations() {
        assertThat(ANALYZERS.terms("q_en", "i dont have it")).isEqualTo(ANALYZERS.terms("q_en", "I don't have it"));
        assertThat(ANALYZERS.terms("q_en", "it wasnt delivered")).containsExactly("not", "deliv");
        assertThat(ANALYZERS.terms("q_en", "cant log in")).contains("can", "not", "log");
        assertThat(ANALYZERS.terms("q_en", "I want it")).contains("want");
    }

    @Test
    void chineseWordsAreSegmentedBySmartcn() {
        assertThat(ANALYZERS.terms("q_zh", "我想申请退货")).contains("退货", "申请");
        assertThat(ANALYZERS.terms("q_zh", "退款多久到账")).contains("退款");
    }

    @Test
    void chineseBigramsOverlap() {
        assertThat(ANALYZERS.terms("q_zhbi", "退款到账")).containsExactly("退款", "款到", "到账");
    }

    @Test
    void mixedScriptKeepsLatinTokens() {
        assertThat(ANALYZERS.terms("q_zhbi", "iPhone退货")).contains("iphone", "退货");
    }
}
