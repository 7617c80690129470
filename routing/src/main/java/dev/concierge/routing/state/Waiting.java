package dev.concierge.routing.state;

import dev.concierge.routing.AgentId;
import java.util.Objects;
import java.util.Set;

/** A queued conversation and the agents who already declined it or let its offer expire. */
public record Waiting(QueueEntry entry, Set<AgentId> declinedBy) {
    public Waiting {
        Objects.requireNonNull(entry, "entry");
        declinedBy = Set.copyOf(declinedBy);
    }
}
