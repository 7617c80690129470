package dev.concierge.core.conversation;

import java.util.EnumSet;
import java.util.Set;

/** Life cycle of a conversation: the bot answers first, then it may wait in a queue for a human. */
public enum ConversationStatus {
    BOT,
    QUEUED,
    ASSIGNED,
    CLOSED;

    /** Which statuses may follow this one. ASSIGNED to ASSIGNED is a transfer; CLOSED to BOT a reopening. */
    public Set<ConversationStatus> successors() {
        return switch (this) {
            case BOT -> EnumSet.of(QUEUED, CLOSED);
            case QUEUED -> EnumSet.of(ASSIGNED, BOT, CLOSED);
            case ASSIGNED -> EnumSet.of(ASSIGNED, QUEUED, CLOSED);
            case CLOSED -> EnumSet.of(BOT);
        };
    }

    public boolean canMoveTo(ConversationStatus next) {
        return successors().contains(next);
    }
}
