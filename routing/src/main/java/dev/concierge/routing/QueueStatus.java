package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;

/** Where a waiting conversation stands: told to the customer as "a human is coming, about N seconds". */
public record QueueStatus(ConversationId conversationId, int position, long expectedWaitSeconds) {
    public QueueStatus {
        if (position < 0 || expectedWaitSeconds < 0) {
            throw new IllegalArgumentException("position and wait must be >= 0");
        }
    }
}
