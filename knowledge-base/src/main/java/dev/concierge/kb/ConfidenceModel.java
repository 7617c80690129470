package dev.concierge.kb;

/**
 * Turns ranking evidence into a probability with a logistic model:
 * {@code p = sigmoid(bias + coverageWeight * coverage + marginWeight * margin)}, where
 * {@code coverage} is the share of the query's BM25 upper bound the best paraphrase reaches and
 * {@code margin} is the top score's lead over the runner-up relative to the top score, times the
 * coverage (for lower-ranked hits, their relative deficit to the top, so they get lower confidence).
 *
 * <p>{@link #DEFAULT} was fitted by logistic regression ({@code kb-eval --fit-confidence true}) on the
 * CLINC150 development split: 20 train utterances per intent held out of the index plus the train split's
 * 100 out-of-scope utterances, never the validation queries. See docs/benchmarks/kb.md.
 */
public record ConfidenceModel(double bias, double coverageWeight, double marginWeight) {
    public static final ConfidenceModel DEFAULT = new ConfidenceModel(-0.62, 5.19, 13.10);
    /**
     * For the dense + lexical fused ranking ({@code RetrievalConfig.tuned()} with bge-small embeddings), fitted the
     * same way with the dense path on. Close to {@link #DEFAULT}: the features are the lexical coverage and the
     * margin of the fused score, and the dense vote mostly widens margins the data already rewarded.
     */
    public static final ConfidenceModel DENSE = new ConfidenceModel(-0.48, 5.07, 12.60);

    public double confidence(double coverage, double margin) {
        double z = bias + coverageWeight * coverage + marginWeight * margin;
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
