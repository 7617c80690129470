package dev.concierge.kb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the knowledge base relies on from a {@link TextEmbedder}; every implementation's test implements this
 * interface (bot-engine's {@code KnowledgeBaseEmbedderIT}, the test double {@link ConceptEmbedder}).
 */
public interface TextEmbedderContract {

    TextEmbedder embedder();

    @Test
    default void coversBothLocalesWithUnitVectorsOfTheStatedDimension() {
        TextEmbedder e = embedder();
        assertThat(e.modelId()).isNotBlank();
        for (String[] localeAndText : new String[][] {{"en", "where is my parcel"}, {"zh", "我的包裹在哪里"}}) {
            int dim = e.dimension(localeAndText[0]);
            assertThat(dim).as(localeAndText[0]).isPositive();
            float[] v = e.embed(localeAndText[1], localeAndText[0]);
            assertThat(v).hasSize(dim);
            double norm = 0;
            for (float f : v) {
                norm += f * f;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-3));
        }
        assertThat(e.dimension("fr")).isZero();
    }

    @Test
    default void isDeterministicAndEmbedAllKeepsTheOrder() {
        TextEmbedder e = embedder();
        List<String> texts = List.of("how long does a refund take", "reset my password", "where is my parcel");
        List<float[]> all = e.embedAll(texts, "en");
        assertThat(all).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            float[] one = e.embed(texts.get(i), "en");
            assertThat(cosine(one, all.get(i))).isCloseTo(1.0, within(1e-4));
            assertThat(cosine(one, e.embed(texts.get(i), "en"))).isCloseTo(1.0, within(1e-6));
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
