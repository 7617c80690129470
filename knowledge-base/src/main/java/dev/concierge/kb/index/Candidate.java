package dev.concierge.kb.index;

/**
 * One ranked entry from the index.
 *
 * @param entryId         the entry
 * @param score           the fused ranking score (higher is better; not bounded)
 * @param coverage        the best single match's BM25 score divided by the query's upper bound, in [0,1]:
 *                        how much of the query's information the best paraphrase explains
 * @param matchedQuestion the paraphrase that matched best, or null when only the answer matched
 * @param matchedShare    the share of that paraphrase's terms the query has, in [0,1] (0 without a paraphrase): the
 *                        other direction of coverage. "ok" fully covers itself inside "is it ok to return an unused
 *                        item", but explains one term of that paraphrase in nine
 */
public record Candidate(String entryId, double score, double coverage, String matchedQuestion, double matchedShare) {
}
