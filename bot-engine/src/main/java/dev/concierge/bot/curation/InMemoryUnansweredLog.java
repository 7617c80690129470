package dev.concierge.bot.curation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The embedded default: the newest {@code capacity} questions in memory. */
public final class InMemoryUnansweredLog implements UnansweredLog {
    private final int capacity;
    private final Deque<UnansweredQuestion> questions = new ArrayDeque<>();

    public InMemoryUnansweredLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(UnansweredQuestion question) {
        questions.addFirst(question);
        while (questions.size() > capacity) {
            questions.removeLast();
        }
    }

    @Override
    public synchronized List<UnansweredQuestion> recent(int limit) {
        List<UnansweredQuestion> out = new ArrayList<>();
        for (UnansweredQuestion q : questions) {
            if (out.size() >= limit) {
                break;
            }
            out.add(q);
        }
        return out;
    }

    @Override
    public synchronized int forget(java.util.Set<String> conversationIds) {
        int before = questions.size();
        questions.removeIf(q -> conversationIds.contains(q.conversationId()));
        return before - questions.size();
    }

    @Override
    public synchronized void clear() {
        questions.clear();
    }
}
