package dev.concierge.core.auth;

import java.time.Instant;
import java.util.Optional;

/** Sessions shared by every node, keyed by the token's hash; entries vanish after they expire. */
public interface SessionStore {

    void put(String tokenHash, Session session);

    /** The session if it exists and has not expired at {@code now}. */
    Optional<Session> find(String tokenHash, Instant now);

    void delete(String tokenHash);
}
