package dev.concierge.routing.state;

import dev.concierge.routing.AgentId;
import java.util.Objects;

/**
 * An agent who passed the static filters for one conversation (target, team, channel, language, skills), with
 * their capacity on its channel and whether they declined it before.
 */
public record Eligible(AgentId agent, int capacity, boolean declined) {
    public Eligible {
        Objects.requireNonNull(agent, "agent");
        if (capacity < 1) {
            throw new IllegalArgumentException("an eligible agent has capacity on the channel");
        }
    }
}
