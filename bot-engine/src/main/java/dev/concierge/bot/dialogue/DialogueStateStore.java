package dev.concierge.bot.dialogue;

import dev.concierge.core.conversation.ConversationId;
import java.util.Optional;

/**
 * Conversation id → {@link DialogueState}: where a flow in progress lives between turns, so that any node (and a
 * restarted one) continues at the same step. Implementations are thread-safe; the Redis one throws
 * {@code StoreUnavailableException} when Redis is down. Contract: {@code DialogueStateStoreContract} (test-jar).
 */
public interface DialogueStateStore {

    Optional<DialogueState> load(ConversationId conversationId);

    /**
     * Stores {@code state} if the stored version is {@code state.version() - 1} (or nothing is stored and
     * {@code state.version()} is 1): a compare-and-set, so two nodes handling the same conversation at once cannot
     * silently overwrite each other. Returns false, storing nothing, on a version conflict.
     */
    boolean save(ConversationId conversationId, DialogueState state);

    /** Forgets the conversation (closed, or erased on a privacy request). */
    void delete(ConversationId conversationId);
}
