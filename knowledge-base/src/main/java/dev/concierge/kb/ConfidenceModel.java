package dev.concierge.kb;

/**
 * Turns ranking evidence into a probability with a logistic model:
 * {@code p = sigmoid(bias + coverageWeight * coverage + marginWeight * margin + shareWeight * share)}, where
 * {@code coverage} is the share of the query's BM25 upper bound the best paraphrase reaches,
 * {@code margin} is the top score's lead over the runner-up relative to the top score, times the
 * coverage (for lower-ranked hits, their relative deficit to the top, so they get lower confidence), and
 * {@code share} is the share of that paraphrase's terms the query has (coverage seen from the paraphrase: a
 * two-word message that happens to contain one rare word of a long paraphrase covers itself, not the paraphrase).
 *
 * <p>{@link #DEFAULT} was fitted by logistic regression ({@code kb-eval --fit-confidence true}, docs/benchmarks/kb.md)
 * on the bundled knowledge base with its development queries ({@code dev-queries.jsonl}, 242, labelled by whether the
 * top hit is right) plus the bundled intent set's chit-chat and out-of-scope examples (104, always wrong): the
 * messages that still reach the FAQ once the dialogue has taken greetings, thanks, goodbyes and ratings itself.
 * Never the held-out or shopper query sets. The earlier two-feature model, fitted on CLINC150's development split,
 * let 35 % of such messages through as confident answers ("how are you today" got the shipping-time entry).
 * The negative coverage weight is not a mistake: margin is coverage times the relative lead, so the two overlap.
 */
public record ConfidenceModel(double bias, double coverageWeight, double marginWeight, double shareWeight) {
    public static final ConfidenceModel DEFAULT = new ConfidenceModel(-4.0212, -2.1359, 15.7989, 6.9914);
    /**
     * For the dense + lexical fused ranking ({@code RetrievalConfig.tuned()} with bge-small embeddings), fitted the
     * same way with the dense path on.
     */
    public static final ConfidenceModel DENSE = new ConfidenceModel(-3.5567, -6.3497, 21.8624, 6.262);

    public double confidence(double coverage, double margin, double share) {
        double z = bias + coverageWeight * coverage + marginWeight * margin + shareWeight * share;
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
