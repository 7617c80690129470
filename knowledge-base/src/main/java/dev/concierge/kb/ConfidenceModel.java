package dev.concierge.kb;

/**
 * Turns ranking evidence into a probability with a logistic model:
 * {@code p = sigmoid(bias + coverageWeight * coverage + marginWeight * margin)}, where
 * {@code coverage} is the share of the query's BM25 upper bound the best paraphrase reaches and
 * {@code margin} is the top score's lead over the runner-up relative to the top score (for lower-ranked
 * hits, their deficit to the top, so they get lower confidence).
 *
 * <p>{@link #DEFAULT} was fitted by logistic regression on the CLINC150 development split (train
 * utterances held out from the index, never the validation queries): see docs/benchmarks/kb.md.
 */
public record ConfidenceModel(double bias, double coverageWeight, double marginWeight) {
    public static final ConfidenceModel DEFAULT = new ConfidenceModel(-3.0, 5.0, 6.0);

    public double confidence(double coverage, double margin) {
        double z = bias + coverageWeight * coverage + marginWeight * margin;
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
