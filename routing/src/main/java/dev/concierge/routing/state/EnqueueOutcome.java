package dev.concierge.routing.state;

import dev.concierge.routing.AgentId;
import java.util.Objects;
import java.util.Optional;

/**
 * @param added false when routing already had the conversation (queued, offered or assigned)
 * @param owner the first-contact owner of the conversation, else of the customer, if any
 * @param claim the offer made in the same step (not tried when there is an owner: the router decides)
 */
public record EnqueueOutcome(boolean added, Optional<AgentId> owner, ClaimOutcome claim) {
    public EnqueueOutcome {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(claim, "claim");
    }
}
