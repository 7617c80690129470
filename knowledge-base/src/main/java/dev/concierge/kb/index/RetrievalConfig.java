package dev.concierge.kb.index;

/**
 * How the index is built and scored. {@link #tuned()} is the production setting (parameters chosen on a
 * development split carved out of CLINC150 train, see docs/benchmarks/kb.md); {@link #plainBm25()}
 * is the baseline: one document per entry and language holding all paraphrases and the answer in a single
 * field, Lucene's default BM25, no boosts, no aggregation.
 *
 * @param plain            index and query the baseline single-field documents only
 * @param k1               BM25 term-frequency saturation
 * @param b                BM25 length normalisation
 * @param zhBigramWeight   weight of the Han-bigram field against the smartcn word field (1.0)
 * @param questionDepth    how many paraphrase documents to collect per query
 * @param perEntry         how many of an entry's paraphrase hits count towards its score
 * @param decay            weight of the 2nd, 3rd... paraphrase hit of an entry (geometric)
 * @param entryWeight      weight of the entry-level score (all paraphrases + answer) against the paraphrase score;
 *                         0 or more, or {@link #ADAPTIVE} = {@code clamp(35 / average paraphrases per entry and
 *                         language, 1, 3)}: a knowledge base with few paraphrases per entry leans on the whole-entry
 *                         document, one with many leans on the nearest-paraphrase vote
 * @param answerWeight     boost of the answer field inside the entry-level query
 * @param classifierWeight weight of the paraphrase classifier's probability added to the (normalised) BM25
 *                         score; 0 turns the classifier off
 * @param shopVocabulary   analyse entries and queries with the bundled shop synonyms
 *                         ({@link KbAnalyzers#withShopVocabulary()})
 * @param denseWeight      weight of the dense (sentence-embedding) ranking; used only when the index is given a
 *                         {@link dev.concierge.kb.TextEmbedder}, 0 turns the dense path off
 * @param denseTemperature score fusion: the dense evidence added to the lexical score is {@code denseWeight} times
 *                         the entry's share of {@code sum exp((cosine - 1) / denseTemperature)} over the query's nearest
 *                         paraphrases (a soft nearest-neighbour vote)
 * @param rrfK             0 = score fusion as above; above 0 = reciprocal rank fusion instead:
 *                         {@code 1 / (rrfK + lexical rank) + denseWeight / (rrfK + dense rank)}
 */
public record RetrievalConfig(
        boolean plain,
        float k1,
        float b,
        float zhBigramWeight,
        int questionDepth,
        int perEntry,
        float decay,
        float entryWeight,
        float answerWeight,
        float classifierWeight,
        boolean shopVocabulary,
        float denseWeight,
        float denseTemperature,
        int rrfK) {

    /** Dense weight and softmax temperature of {@link #tuned()} (chosen on development data, docs/benchmarks/kb.md). */
    public static final float DENSE_WEIGHT = 2.0f;
    public static final float DENSE_TEMPERATURE = 0.05f;

    /** Marker for {@link #entryWeight()}: derive it from the knowledge base's paraphrase density. */
    public static final float ADAPTIVE = -1f;

    public RetrievalConfig {
        if (k1 < 0 || b < 0 || b > 1 || zhBigramWeight < 0 || questionDepth < 1 || perEntry < 1
                || decay < 0 || (entryWeight < 0 && entryWeight != ADAPTIVE) || answerWeight < 0 || classifierWeight < 0
                || denseWeight < 0 || denseTemperature <= 0 || rrfK < 0) {
            throw new IllegalArgumentException("invalid retrieval config: " + this);
        }
    }

    public static RetrievalConfig tuned() {
        return new RetrievalConfig(false, 1.2f, 0.75f, 1.0f, 60, 8, 0.8f, ADAPTIVE, 0.3f, 0.7f, true,
                DENSE_WEIGHT, DENSE_TEMPERATURE, 0);
    }

    public static RetrievalConfig plainBm25() {
        return new RetrievalConfig(true, 1.2f, 0.75f, 0f, 60, 1, 0f, 0f, 1f, 0f, false, 0f, DENSE_TEMPERATURE, 0);
    }

    public RetrievalConfig withK1B(float newK1, float newB) {
        return new RetrievalConfig(plain, newK1, newB, zhBigramWeight, questionDepth, perEntry, decay, entryWeight, answerWeight, classifierWeight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withAggregation(int newPerEntry, float newDecay) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, questionDepth, newPerEntry, newDecay, entryWeight, answerWeight, classifierWeight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    /** The entry weight to use for a knowledge base averaging this many paraphrases per entry and language. */
    public float effectiveEntryWeight(double averageParaphrases) {
        if (entryWeight != ADAPTIVE) {
            return entryWeight;
        }
        return (float) Math.max(1.0, Math.min(3.0, 35.0 / Math.max(1.0, averageParaphrases)));
    }

    public RetrievalConfig withEntryWeights(float newEntryWeight, float newAnswerWeight) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, questionDepth, perEntry, decay, newEntryWeight, newAnswerWeight, classifierWeight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withQuestionDepth(int depth) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, depth, perEntry, decay, entryWeight, answerWeight, classifierWeight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withClassifierWeight(float weight) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, questionDepth, perEntry, decay, entryWeight, answerWeight, weight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withZhBigramWeight(float weight) {
        return new RetrievalConfig(plain, k1, b, weight, questionDepth, perEntry, decay, entryWeight, answerWeight, classifierWeight, shopVocabulary, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withShopVocabulary(boolean on) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, questionDepth, perEntry, decay, entryWeight, answerWeight, classifierWeight, on, denseWeight, denseTemperature, rrfK);
    }

    public RetrievalConfig withDense(float weight, float temperature, int newRrfK) {
        return new RetrievalConfig(plain, k1, b, zhBigramWeight, questionDepth, perEntry, decay, entryWeight, answerWeight, classifierWeight, shopVocabulary, weight, temperature, newRrfK);
    }
}
