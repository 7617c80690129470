package dev.concierge.kb;

/**
 * Confidence thresholds: answer at or above {@code answer}; clarify at or above {@code clarify};
 * otherwise none. Operators may configure them; the defaults are explained in docs/knowledge-base.md.
 */
public record FaqThresholds(double answer, double clarify) {
    public static final FaqThresholds DEFAULT = new FaqThresholds(0.6, 0.3);

    public FaqThresholds {
        if (!(clarify >= 0 && clarify <= answer && answer <= 1)) {
            throw new IllegalArgumentException("need 0 <= clarify <= answer <= 1, got clarify=" + clarify + " answer=" + answer);
        }
    }

    public FaqDecision decide(double topConfidence) {
        if (topConfidence >= answer) {
            return FaqDecision.ANSWER;
        }
        return topConfidence >= clarify ? FaqDecision.CLARIFY : FaqDecision.NONE;
    }
}
