package dev.concierge.routing.state;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.AgentId;
import java.util.Objects;

/** An agent holds a conversation: offered (not yet accepted) or assigned. */
public record Held(AgentId agent, Channel channel, boolean accepted) {
    public Held {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(channel, "channel");
    }
}
