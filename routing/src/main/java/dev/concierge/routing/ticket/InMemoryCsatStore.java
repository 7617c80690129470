package dev.concierge.routing.ticket;

import dev.concierge.core.conversation.ConversationId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded default. */
public final class InMemoryCsatStore implements CsatStore {
    private final Map<ConversationId, CsatRating> ratings = new HashMap<>();

    @Override
    public synchronized void record(CsatRating rating) {
        ratings.put(rating.conversationId(), rating);
    }

    @Override
    public synchronized void forget(ConversationId conversation) {
        ratings.remove(conversation);
    }

    @Override
    public synchronized Optional<CsatRating> find(ConversationId conversation) {
        return Optional.ofNullable(ratings.get(conversation));
    }

    @Override
    public synchronized List<CsatRating> recent(int limit) {
        return ratings.values().stream().sorted(Comparator.comparing(CsatRating::at).reversed()).limit(limit)
                .toList();
    }
}
