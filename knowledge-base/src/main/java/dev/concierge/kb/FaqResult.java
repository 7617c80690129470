package dev.concierge.kb;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a FAQ search.
 *
 * @param locale   the locale searched ({@code zh} or {@code en}; detected when the caller gave none)
 * @param decision answer, clarify or none, from the top hit's confidence and the thresholds
 * @param hits     ranked entries, best first (may be non-empty even when the decision is NONE)
 */
public record FaqResult(String locale, FaqDecision decision, List<FaqHit> hits) {
    public static final int CLARIFY_OPTIONS = 3;

    public FaqResult {
        hits = List.copyOf(hits);
        if (decision != FaqDecision.NONE && hits.isEmpty()) {
            throw new IllegalArgumentException(decision + " needs at least one hit");
        }
    }

    public Optional<FaqHit> top() {
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /** The candidates to offer as quick replies when the decision is CLARIFY (at most three). */
    public List<FaqHit> clarifyOptions() {
        return hits.subList(0, Math.min(CLARIFY_OPTIONS, hits.size()));
    }
}
