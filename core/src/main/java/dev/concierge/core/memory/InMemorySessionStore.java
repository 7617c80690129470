package dev.concierge.core.memory;

import dev.concierge.core.auth.Session;
import dev.concierge.core.auth.SessionStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(String tokenHash, Session session) {
        sessions.put(tokenHash, session);
    }

    @Override
    public Optional<Session> find(String tokenHash, Instant now) {
        Session s = sessions.get(tokenHash);
        if (s == null) {
            return Optional.empty();
        }
        if (s.isExpired(now)) {
            sessions.remove(tokenHash, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    @Override
    public void delete(String tokenHash) {
        sessions.remove(tokenHash);
    }
}
