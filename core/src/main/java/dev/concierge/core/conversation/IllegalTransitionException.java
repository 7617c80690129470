package dev.concierge.core.conversation;

/** A status change the life cycle does not allow, e.g. accepting a conversation that was closed meanwhile. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(ConversationId id, ConversationStatus from, ConversationStatus to) {
        super("conversation " + id + " cannot move from " + from + " to " + to);
    }
}
