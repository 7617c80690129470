package dev.concierge.routing.state;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import java.util.Map;
import java.util.Objects;

/**
 * An agent's live state: presence, conversations held per channel (offers and assignments) and in total, and when
 * they were last offered something (for "longest idle"). {@code open} is stored, not summed on each read: the
 * selector reads it for every candidate of every claim.
 */
public record AgentState(AgentId id, Presence presence, Map<Channel, Integer> load, long lastOfferMillis, int open) {
    public AgentState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(presence, "presence");
        load = Map.copyOf(load);
        if (open != sum(load)) {
            throw new IllegalArgumentException("open must be the sum of the per-channel load");
        }
    }

    public static AgentState of(AgentId id, Presence presence, Map<Channel, Integer> load, long lastOfferMillis) {
        return new AgentState(id, presence, load, lastOfferMillis, sum(load));
    }

    public static AgentState offline(AgentId id) {
        return of(id, Presence.OFFLINE, Map.of(), 0);
    }

    public int loadOn(Channel channel) {
        return load.getOrDefault(channel, 0);
    }

    private static int sum(Map<Channel, Integer> load) {
        int total = 0;
        for (int n : load.values()) {
            total += n;
        }
        return total;
    }
}
