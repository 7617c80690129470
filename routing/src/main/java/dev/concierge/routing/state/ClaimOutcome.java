package dev.concierge.routing.state;

import dev.concierge.routing.AgentId;
import java.util.Objects;
import java.util.Optional;

/** What an atomic claim did; {@code agent} is the one offered to when {@code claim} is OFFERED. */
public record ClaimOutcome(Claim claim, Optional<AgentId> agent) {
    public ClaimOutcome {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(agent, "agent");
        if ((claim == Claim.OFFERED) != agent.isPresent()) {
            throw new IllegalArgumentException("an offer names its agent, and only an offer");
        }
    }

    public static ClaimOutcome offered(AgentId agent) {
        return new ClaimOutcome(Claim.OFFERED, Optional.of(agent));
    }

    public static ClaimOutcome not(Claim claim) {
        return new ClaimOutcome(claim, Optional.empty());
    }
}
