package dev.concierge.bot.curation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Similar unanswered questions: candidates for one new FAQ entry or more paraphrases of an existing one.
 *
 * @param representative the first-seen question of the group
 * @param kbTopHit       the knowledge-base entry most of them came closest to, "" when none
 */
public record UnansweredGroup(String representative, int count, String kbTopHit, String language, Instant lastSeen,
        List<UnansweredQuestion> questions) {

    public UnansweredGroup {
        Objects.requireNonNull(representative, "representative");
        questions = List.copyOf(questions);
        if (count != questions.size()) {
            throw new IllegalArgumentException("count must match the questions");
        }
    }
}
