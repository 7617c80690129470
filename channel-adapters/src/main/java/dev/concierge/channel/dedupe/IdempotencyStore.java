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

    /**
     * Keeps a claim for {@code ttl} from now. Webhooks claim a delivery for a short lease before storing it and keep
     * it once stored: a node that dies in between leaves a claim that soon lapses, so the provider's retry is
     * accepted (a 48-hour claim of a message never stored dropped the retries as duplicates).
     */
    void keep(String scope, String key, Duration ttl);

    /** Gives a claim back, so that a retry of a delivery we failed to store is accepted. */
    void release(String scope, String key);
}
