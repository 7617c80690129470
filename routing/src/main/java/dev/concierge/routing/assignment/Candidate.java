package dev.concierge.routing.assignment;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.Presence;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.state.AgentState;
import java.util.EnumMap;
import java.util.Map;

/** An agent as the selector sees them during one drain: profile plus a local, optimistic copy of their load. */
final class Candidate {
    final AgentProfile profile;
    final Presence presence;
    final long lastOfferMillis;
    private final Map<Channel, Integer> load = new EnumMap<>(Channel.class);
    private int open;

    Candidate(AgentProfile profile, AgentState state) {
        this.profile = profile;
        this.presence = state.presence();
        this.lastOfferMillis = state.lastOfferMillis();
        this.load.putAll(state.load());
        this.open = state.open();
    }

    boolean online() {
        return presence == Presence.ONLINE;
    }

    boolean hasRoomOn(Channel channel) {
        return load.getOrDefault(channel, 0) < profile.capacityOn(channel);
    }

    int open() {
        return open;
    }

    void took(Channel channel) {
        load.merge(channel, 1, Integer::sum);
        open++;
    }

    /** A claim failed: the store knows better; treat the channel as full until the next drain. */
    void full(Channel channel) {
        load.put(channel, profile.capacityOn(channel));
    }
}
