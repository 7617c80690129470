package dev.concierge.core.customer;

import java.util.function.Supplier;

/**
 * One writer at a time per customer, across every node: a customer's messages (whatever the channel and whichever
 * node received them) are filed and answered one after the other, so a conversation's transcript and dialogue
 * state never see two turns interleaved. Implementations: a striped in-process lock (one node) and a lease in
 * Redis (several nodes; a node that dies while holding it loses it when the lease runs out).
 */
public interface CustomerLocks {
    /**
     * Runs {@code work} while holding {@code customer}'s lock and returns its result. Not re-entrant.
     *
     * @throws dev.concierge.core.StoreUnavailableException when the lock cannot be had in time (the caller
     *                                                        answers "retry later"; nothing was done)
     */
    <T> T withLock(CustomerId customer, Supplier<T> work);
}
