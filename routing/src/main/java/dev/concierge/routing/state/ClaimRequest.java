package dev.concierge.routing.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a claim needs: the agents that passed the static filters, the version of the agent directory they were
 * computed from (the state refuses a claim on a stale directory, see {@code AgentDirectory.cachedListing}), and the
 * offer's times.
 */
public record ClaimRequest(List<Eligible> eligible, long directoryVersion, Instant offeredAt, Instant expiresAt) {
    public ClaimRequest {
        eligible = List.copyOf(eligible);
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
