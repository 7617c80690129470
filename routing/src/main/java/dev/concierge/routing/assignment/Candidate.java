package dev.concierge.routing.assignment;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.Presence;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.state.AgentState;
import java.util.EnumMap;
import java.util.Map;

/**
 * An agent as a drain sees them: profile, live state read once, and what the drain itself changed. Only used to skip
 * hopeless claims and to stop early; the store's atomic claim has the last word.
 */
final class Candidate {
    private final AgentProfile profile;
    private final AgentState state;
    private Map<Channel, Integer> adjusted;

    Candidate(AgentProfile profile, AgentState state) {
        this.profile = profile;
        this.state = state;
    }

    boolean hasRoomOn(Channel channel) {
        if (state.presence() != Presence.ONLINE) {
            return false;
        }
        int load = adjusted == null ? state.loadOn(channel) : adjusted.getOrDefault(channel, 0);
        return load < profile.capacityOn(channel);
    }

    boolean hasRoomAnywhere() {
        for (Channel channel : Channel.values()) {
            if (hasRoomOn(channel)) {
                return true;
            }
        }
        return false;
    }

    void took(Channel channel) {
        adjusted().merge(channel, 1, Integer::sum);
    }

    /** A claim found no room: treat the channel as full until the next drain. */
    void full(Channel channel) {
        adjusted().put(channel, profile.capacityOn(channel));
    }

    private Map<Channel, Integer> adjusted() {
        if (adjusted == null) {
            adjusted = new EnumMap<>(Channel.class);
            adjusted.putAll(state.load());
        }
        return adjusted;
    }
}
