package dev.concierge.core.auth;

import java.time.Instant;
import java.util.Objects;

/** A logged-in agent or supervisor. Stored under a hash of the bearer token, never the token itself. */
public record Session(String accountId, String role, Instant createdAt, Instant expiresAt) {
    public Session {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("accountId is required");
        }
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role is required");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a session must expire after it starts");
        }
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
