package dev.concierge.channel.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable queue of outbound replies plus the delivery receipts providers send back. Thread-safe; claims are
 * atomic across nodes so two drainers never attempt the same entry at the same time.
 */
public interface OutboxStore {

    /** Stores a new entry (before the first send attempt). */
    void add(OutboxEntry entry);

    /** Replaces an entry with its new state; PENDING entries become due at {@code nextAttemptAt}. */
    void update(OutboxEntry entry);

    /**
     * Deletes every entry of the conversation, pending ones included, so nothing more is sent (the customer's
     * erasure).
     *
     * @return how many were deleted
     */
    int forgetConversation(dev.concierge.core.conversation.ConversationId conversation);

    Optional<OutboxEntry> find(String id);

    /**
     * Takes up to {@code limit} PENDING entries due at {@code now}, oldest due first, and leases them until
     * {@code leaseUntil} (they are not due for anybody else until then). Returns them with the new lease.
     */
    List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil);

    /** PENDING entries, due or not. */
    long pendingCount();

    /** Records a provider's delivery receipt (queued, sent, delivered, undelivered, failed, ...). */
    void recordDeliveryStatus(String providerMessageId, String status);

    Optional<String> deliveryStatus(String providerMessageId);
}
