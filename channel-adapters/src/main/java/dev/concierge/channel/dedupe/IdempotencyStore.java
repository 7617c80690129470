package dev.concierge.channel.dedupe;

import java.time.Duration;

/**
 * Remembers which provider message ids (and webhook replay tokens) were already accepted, for a while.
 * Providers retry webhooks; the first delivery wins. Implementations are thread-safe and atomic across nodes.
 */
public interface IdempotencyStore {

    /**
     * Claims {@code key} within {@code scope} for {@code ttl}.
     *
     * @return true for the first claim; false when the key is already claimed and not yet expired
     */
    boolean claim(String scope, String key, Duration ttl);

    /** Gives a claim back, so that a retry of a delivery we failed to store is accepted. */
    void release(String scope, String key);
}
