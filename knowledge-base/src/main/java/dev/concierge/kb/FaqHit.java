package dev.concierge.kb;

/**
 * One ranked FAQ entry.
 *
 * @param entryId         the entry's id
 * @param score           the raw ranking score (comparable only within one result)
 * @param confidence      calibrated probability, in [0,1], that this entry answers the query
 * @param matchedQuestion the paraphrase that matched best, or null when only the entry text matched
 */
public record FaqHit(String entryId, double score, double confidence, String matchedQuestion) {
    public FaqHit {
        if (entryId == null || entryId.isBlank()) {
            throw new IllegalArgumentException("entryId is required");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
        }
    }
}
