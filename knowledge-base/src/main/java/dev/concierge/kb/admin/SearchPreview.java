package dev.concierge.kb.admin;

import dev.concierge.kb.FaqDecision;

import java.util.List;

/**
 * What the bot would do with a message: the decision, the text it would send (for ANSWER), and every
 * candidate with its score, confidence and matched paraphrase, for curators tuning entries.
 */
public record SearchPreview(String query, String locale, FaqDecision decision, String replyText,
                            List<Candidate> candidates) {
    public SearchPreview {
        candidates = List.copyOf(candidates);
    }

    /** One ranked entry as a curator sees it. */
    public record Candidate(String entryId, String title, double score, double confidence, String matchedQuestion) {
    }
}
