package dev.concierge.kb.index;

/**
 * One ranked entry from the index.
 *
 * @param entryId         the entry
 * @param score           the fused ranking score (higher is better; not bounded)
 * @param coverage        the best single match's BM25 score divided by the query's upper bound, in [0,1]:
 *                        how much of the query's information the best paraphrase explains
 * @param matchedQuestion the paraphrase that matched best, or null when only the answer matched
 */
public record Candidate(String entryId, double score, double coverage, String matchedQuestion) {
}
