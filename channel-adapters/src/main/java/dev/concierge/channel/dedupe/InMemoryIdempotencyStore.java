package dev.concierge.channel.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** The embedded default: a map of expiry times, swept on every claim so it stays bounded. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final Clock clock;
    private final Map<String, Instant> expiries = new HashMap<>();

    public InMemoryIdempotencyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(String scope, String key, Duration ttl) {
        Instant now = clock.instant();
        if (expiries.size() > 1024) {
            for (Iterator<Instant> it = expiries.values().iterator(); it.hasNext();) {
                if (!it.next().isAfter(now)) {
                    it.remove();
                }
            }
        }
        String k = scope + "\u0000" + key;
        Instant until = expiries.get(k);
        if (until != null && until.isAfter(now)) {
            return false;
        }
        expiries.put(k, now.plus(ttl));
        return true;
    }

    @Override
    public synchronized void release(String scope, String key) {
        expiries.remove(scope + "\u0000" + key);
    }
}
