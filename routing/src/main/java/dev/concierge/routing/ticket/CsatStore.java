package dev.concierge.routing.ticket;

import dev.concierge.core.conversation.ConversationId;
import java.util.List;
import java.util.Optional;

/** Satisfaction answers; one per conversation (a second answer replaces the first). Thread-safe. */
public interface CsatStore {

    void record(CsatRating rating);

    /** Forgets the conversation's rating (the customer's erasure). */
    void forget(ConversationId conversation);

    Optional<CsatRating> find(ConversationId conversation);

    /** The most recent ratings, newest first. */
    List<CsatRating> recent(int limit);
}
