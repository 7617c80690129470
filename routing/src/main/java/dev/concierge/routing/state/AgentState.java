package dev.concierge.routing.state;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import java.util.Map;
import java.util.Objects;

/**
 * An agent's live state: presence, conversations held per channel (offers and assignments), and when they were last
 * offered something (for "longest idle").
 */
public record AgentState(AgentId id, Presence presence, Map<Channel, Integer> load, long lastOfferMillis) {
    public AgentState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(presence, "presence");
        load = Map.copyOf(load);
    }

    public static AgentState offline(AgentId id) {
        return new AgentState(id, Presence.OFFLINE, Map.of(), 0);
    }

    public int loadOn(Channel channel) {
        return load.getOrDefault(channel, 0);
    }

    public int open() {
        int total = 0;
        for (int n : load.values()) {
            total += n;
        }
        return total;
    }
}
