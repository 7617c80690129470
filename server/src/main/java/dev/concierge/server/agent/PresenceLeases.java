package dev.concierge.server.agent;

import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.routing.Router;
import dev.concierge.routing.agent.AgentHeartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents whose node died stay online nowhere. A node that shuts down takes its agents offline itself; one killed
 * (SIGKILL, out of memory, lost host) cannot, and its agents stayed online in the shared state: every conversation
 * was first offered to them and came back only when the offer timed out, and the supervisors saw them online. So
 * each node vouches for the agents connected to it every {@link #BEAT}; an agent online or away whom no node has
 * vouched for within the lease is taken offline by whichever node notices first (their offers go back to the
 * queue; their assigned conversations stay theirs, as when they sign out, unless configured otherwise).
 */
public final class PresenceLeases {
    /** How often each node vouches for its agents and looks for lapsed ones. */
    public static final Duration BEAT = Duration.ofSeconds(5);
    /** Long enough for an agent whose node died to reconnect to another one before anything changes. */
    public static final Duration LEASE = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(PresenceLeases.class);

    private final AgentHeartbeats beats;
    private final String node;
    private final Router router;
    private final Supplier<Set<AgentId>> connectedHere;
    private final Clock clock;

    /** @param node this server's id among the nodes sharing {@code beats} (unique per process) */
    public PresenceLeases(AgentHeartbeats beats, String node, Router router, Supplier<Set<AgentId>> connectedHere,
            Clock clock) {
        this.beats = beats;
        this.node = node;
        this.router = router;
        this.connectedHere = connectedHere;
        this.clock = clock;
    }

    /** An agent connected here: vouched for before they go online, so no other node takes them offline. */
    public void connected(AgentId agent) {
        beats.beat(node, List.of(agent), clock.instant());
    }

    /**
     * The agent's last socket on this node closed.
     *
     * @return whether they are still connected to another node (vouched for there within the lease): then they stay
     *         online; before, closing one of two sockets on two nodes (a second tab, a reconnection through the
     *         balancer that beat the old node's close) took the agent offline while their live socket got nothing
     */
    public boolean disconnected(AgentId agent) {
        beats.forget(node, agent);
        return beats.lastElsewhere(agent, node).filter(at -> !at.isBefore(clock.instant().minus(LEASE))).isPresent();
    }

    /**
     * Agents with a socket on any node: on this one, or vouched for by some node within the lease (the supervisor
     * board asked this node's sockets only, so behind a balancer agents appeared and vanished with the node asked).
     */
    public Set<AgentId> connectedAnywhere() {
        Set<AgentId> connected = new java.util.HashSet<>(connectedHere.get());
        Instant since = clock.instant().minus(LEASE);
        beats.last().forEach((agent, at) -> {
            if (!at.isBefore(since)) {
                connected.add(agent);
            }
        });
        return connected;
    }

    /**
     * Vouches for this node's agents, then takes offline every agent online or away whom no node vouched for within
     * {@link #LEASE}.
     *
     * @return the agents taken offline
     */
    public List<AgentId> sweep() {
        Instant now = clock.instant();
        Set<AgentId> here = connectedHere.get();
        beats.beat(node, here, now);
        // Presence before beats: a node beats for an agent before setting them online, so an online agent read
        // here has a beat in the read below.
        Map<AgentId, Presence> presences = router.presences();
        Instant lapsedBefore = now.minus(LEASE);
        List<AgentId> suspects = lapsed(presences, here, beats.last(), lapsedBefore);
        if (suspects.isEmpty()) {
            return suspects;
        }
        // read again: one may have reconnected to another node since
        List<AgentId> lapsed = lapsed(presences, here, beats.last(), lapsedBefore);
        for (AgentId agent : lapsed) {
            LOG.warn("agent {} is marked {} but no node has seen them connected for {} s: taking them offline",
                    agent, presences.get(agent), LEASE.toSeconds());
            router.setPresence(agent, Presence.OFFLINE);
            beats.forgetEverywhere(agent);
        }
        return lapsed;
    }

    private static List<AgentId> lapsed(Map<AgentId, Presence> presences, Set<AgentId> here,
            Map<AgentId, Instant> last, Instant lapsedBefore) {
        return presences.entrySet().stream()
                .filter(e -> e.getValue() != Presence.OFFLINE && !here.contains(e.getKey()))
                .map(Map.Entry::getKey)
                .filter(agent -> last.get(agent) == null || last.get(agent).isBefore(lapsedBefore))
                .sorted(Comparator.comparing(AgentId::value))
                .toList();
    }
}
