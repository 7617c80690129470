package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import java.util.List;

/** What an agent handed back by leaving: unanswered offers, and assignments when so configured. */
public record PresenceChange(List<ConversationId> withdrawnOffers, List<ConversationId> requeuedAssignments) {
    public PresenceChange {
        withdrawnOffers = List.copyOf(withdrawnOffers);
        requeuedAssignments = List.copyOf(requeuedAssignments);
    }

    public boolean changedQueue() {
        return !withdrawnOffers.isEmpty() || !requeuedAssignments.isEmpty();
    }
}
