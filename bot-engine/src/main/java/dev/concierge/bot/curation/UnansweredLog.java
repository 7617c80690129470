package dev.concierge.bot.curation;

import java.util.List;
import java.util.Set;

/**
 * Out-of-scope and handed-off questions, kept for knowledge-base curation (newest first, bounded). Implementations
 * are thread-safe; contract: {@code UnansweredLogContract} (test-jar).
 */
public interface UnansweredLog {

    /** Records a question; {@code question.text()} must already be masked. */
    void record(UnansweredQuestion question);

    /** The most recent questions, newest first, at most {@code limit}. */
    List<UnansweredQuestion> recent(int limit);

    /**
     * Forgets the questions of these conversations (a customer's erasure: the masking leaves names and addresses).
     *
     * @return how many were forgotten
     */
    int forget(Set<String> conversationIds);

    /** Forgets everything (after curation, or for tests). */
    void clear();

    /** The most recent {@code limit} questions grouped by similarity, biggest group first. */
    default List<UnansweredGroup> groups(int limit) {
        return UnansweredGrouping.group(recent(limit));
    }
}
