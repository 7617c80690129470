package dev.concierge.routing.agent;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.AgentId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who an agent is for routing: skills (categories such as "logistics", "refunds", "account_security"), languages,
 * how many conversations they take at once per channel (a channel missing from the map is one they do not serve),
 * their teams, and whether they supervise (escalations go to supervisors).
 */
public record AgentProfile(AgentId id, String displayName, Set<String> skills, Set<String> languages,
        Map<Channel, Integer> capacity, Set<String> teams, boolean supervisor) {

    public AgentProfile {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id.value() : displayName;
        skills = Set.copyOf(skills);
        languages = Set.copyOf(languages);
        teams = Set.copyOf(teams);
        for (Map.Entry<Channel, Integer> e : capacity.entrySet()) {
            Objects.requireNonNull(e.getKey(), "capacity channel");
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 1000) {
                throw new IllegalArgumentException("capacity per channel must be 0..1000: " + e);
            }
        }
        capacity = Map.copyOf(capacity);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("an agent speaks at least one language");
        }
    }

    /** The usual desk: chat 3, email 10, SMS 5. */
    public static Map<Channel, Integer> defaultCapacity() {
        Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
        capacity.put(Channel.WEB_CHAT, 3);
        capacity.put(Channel.EMAIL, 10);
        capacity.put(Channel.SMS, 5);
        capacity.put(Channel.REST, 3);
        return capacity;
    }

    public int capacityOn(Channel channel) {
        return capacity.getOrDefault(channel, 0);
    }
}
