package dev.concierge.channel.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The embedded default: a map of expiry times, plus a queue of them soonest first, so each claim drops only the
 * claims that have expired (amortised constant work) and the map stays bounded by the claims still live.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Clock clock;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> queue = new PriorityQueue<>();

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(String scope, String key, Duration ttl) {
        Instant now = clock.instant();
        sweep(now);
        String k = scope + "\u0000" + key;
        Instant until = expiries.get(k);
        if (until != null && until.isAfter(now)) {
            return false;
        }
        Instant expires = now.plus(ttl);
        expiries.put(k, expires);
        queue.add(new Expiry(expires, k));
        return true;
    }

    @Override
    public synchronized void keep(String scope, String key, Duration ttl) {
        Instant expires = clock.instant().plus(ttl);
        expiries.put(scope + "\u0000" + key, expires);
        queue.add(new Expiry(expires, scope + "\u0000" + key));
    }

    @Override
    public synchronized void release(String scope, String key) {
        // Its queue entry stays until it is due; the sweep then finds the key gone (or claimed anew) and skips it.
        expiries.remove(scope + "\u0000" + key);
    }

    /** Claims held (for tests and metrics). */
    synchronized int size() {
        return expiries.size();
    }

    private void sweep(Instant now) {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Expiry due = queue.poll();
            // Only if the key still holds this expiry: a released and re-claimed key has a later one.
            expiries.remove(due.key(), due.at());
        }
    }

    private record Expiry(Instant at, String key) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry other) {
            return at.compareTo(other.at);
        }
    }
}
