package dev.concierge.kb.index;

import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.util.SmallFloat;

/**
 * BM25 for one field of one reader, computed as Lucene's {@code BM25Similarity} does (same float
 * arithmetic, same length table), with the per-norm cache built once per field rather than once per
 * query term: {@code BM25Similarity.scorer} also builds an explanation of the idf on every call, which
 * costs more than scoring a small knowledge base's postings.
 */
final class Bm25FieldScorer {
    private static final float[] LENGTH_TABLE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
        }
    }

    private final long docCount;
    private final float[] normInverse = new float[256];

    Bm25FieldScorer(float k1, float b, CollectionStatistics stats) {
        this.docCount = stats.docCount();
        float avgdl = (float) (stats.sumTotalTermFreq() / (double) stats.docCount());
        for (int i = 0; i < normInverse.length; i++) {
            normInverse[i] = 1f / (k1 * ((1 - b) + b * LENGTH_TABLE[i] / avgdl));
        }
    }

    long docCount() {
        return docCount;
    }

    /** boost x idf: the most a term with this document frequency can add to a document's score. */
    float weight(float boost, long docFreq) {
        return boost * (float) Math.log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));
    }

    /** One term's score in one document, given the term's {@link #weight}. */
    float score(float weight, float freq, byte encodedNorm) {
        return weight - weight / (1f + freq * normInverse[encodedNorm & 0xFF]);
    }
}
