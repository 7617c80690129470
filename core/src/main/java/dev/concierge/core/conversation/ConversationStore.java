package dev.concierge.core.conversation;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Conversations and their transcripts. Implementations are thread-safe and, for the shared ones, safe across
 * nodes: {@link #update} is an atomic read-modify-write. Blocking: call from a worker thread.
 */
public interface ConversationStore {

    /** Stores a new conversation and makes it the customer's open one. Fails if the id exists. */
    void create(Conversation conversation);

    Optional<Conversation> find(ConversationId id);

    /**
     * Atomically replaces the conversation by {@code change.apply(current)}. The function may run more than once
     * under contention, so it must be free of side effects; it may throw to abort (nothing is written).
     *
     * @return the stored new value
     * @throws java.util.NoSuchElementException if there is no such conversation
     */
    Conversation update(ConversationId id, UnaryOperator<Conversation> change);

    /** The customer's most recent conversation that is not closed. */
    Optional<Conversation> findOpenByCustomer(CustomerId customer);

    /** All conversations of a customer, oldest first (the omnichannel history). */
    List<ConversationId> listByCustomer(CustomerId customer);

    /** Conversations currently in the given status (for supervisors and re-queueing after a crash). */
    List<ConversationId> listByStatus(ConversationStatus status);

    /**
     * Appends a message to the transcript unless a message with the same id is already there.
     *
     * @return true if appended, false if it was a duplicate (idempotent retries)
     */
    boolean append(Message message);

    /** The transcript in append order. */
    List<Message> transcript(ConversationId id);

    /**
     * The last {@code n} messages of the transcript, in append order: what a bot turn needs, without reading a
     * long conversation whole on every message.
     */
    default List<Message> recent(ConversationId id, int n) {
        List<Message> all = transcript(id);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** Whether a message with this id was appended to this conversation. */
    boolean contains(ConversationId id, MessageId messageId);

    /** Removes the conversation and its transcript (data erasure). Returns whether it existed. */
    boolean delete(ConversationId id);
}
