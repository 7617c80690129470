package dev.concierge.kb.index;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity.SimScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Bm25FieldScorerTest {
    @Test
    void scoresExactlyAsLuceneBm25Similarity() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            float k1 = 0.5f + random.nextFloat() * 1.5f;
            float b = random.nextFloat();
            long docCount = 1 + random.nextInt(20_000);
            long sumDocFreq = docCount * (1 + random.nextInt(40));
            CollectionStatistics stats = new CollectionStatistics("f", docCount + random.nextInt(100), docCount,
                    sumDocFreq + docCount * random.nextInt(10), sumDocFreq);
            long df = 1 + random.nextInt((int) docCount);
            float boost = 0.1f + random.nextFloat() * 3;
            SimScorer lucene = new BM25Similarity(k1, b).scorer(boost, stats, new TermStatistics(new BytesRef("t"), df, df * 2));
            Bm25FieldScorer ours = new Bm25FieldScorer(k1, b, stats);
            float weight = ours.weight(boost, df);
            for (int norm = 0; norm < 256; norm++) {
                float freq = 1 + random.nextInt(5);
                assertThat(ours.score(weight, freq, (byte) norm)).isEqualTo(lucene.score(freq, (byte) norm));
            }
        }
    }
}
