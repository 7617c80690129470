package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The embedded default. The listing is cached until the next change: routing reads it on every assignment. */
public final class InMemoryAgentDirectory implements AgentDirectory {
    private final ConcurrentSkipListMap<String, AgentProfile> profiles = new ConcurrentSkipListMap<>();
    private volatile List<AgentProfile> listing = List.of();

    @Override
    public synchronized void put(AgentProfile profile) {
        Objects.requireNonNull(profile, "profile");
        profiles.put(profile.id().value(), profile);
        listing = List.copyOf(profiles.values());
    }

    @Override
    public Optional<AgentProfile> find(AgentId id) {
        return Optional.ofNullable(profiles.get(id.value()));
    }

    @Override
    public synchronized boolean remove(AgentId id) {
        boolean removed = profiles.remove(id.value()) != null;
        listing = List.copyOf(profiles.values());
        return removed;
    }

    @Override
    public List<AgentProfile> list() {
        return listing;
    }
}
