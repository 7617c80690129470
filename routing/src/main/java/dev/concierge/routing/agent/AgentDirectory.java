package dev.concierge.routing.agent;

import dev.concierge.routing.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * The agents routing may offer work to (admin API and configuration write it). Presence is not here: it changes
 * by the second and lives in the router. Thread-safe.
 */
public interface AgentDirectory {

    /** Adds or replaces the agent's profile. */
    void put(AgentProfile profile);

    Optional<AgentProfile> find(AgentId id);

    /** Removes the profile; true if it existed. Conversations the agent holds are not touched. */
    boolean remove(AgentId id);

    /** Every profile, ordered by id. */
    List<AgentProfile> list();

    /** A listing and the version of the directory it was read at (0 when the directory is not versioned). */
    record Listing(List<AgentProfile> profiles, long version) {
        public Listing {
            profiles = List.copyOf(profiles);
        }
    }

    /**
     * The listing as this node last read it, without a round trip. Routing passes its version along with a claim;
     * a store that can check versions atomically (Redis) refuses the claim when the directory changed meanwhile,
     * and routing retries with {@link #freshListing()}.
     */
    default Listing cachedListing() {
        return new Listing(list(), 0L);
    }

    /** The current listing and its version. */
    default Listing freshListing() {
        return new Listing(list(), 0L);
    }

    /** Members of a team, ordered by id. */
    default List<AgentProfile> team(String team) {
        return list().stream().filter(p -> p.teams().contains(team)).toList();
    }

    default List<AgentProfile> supervisors() {
        return list().stream().filter(AgentProfile::supervisor).toList();
    }
}
