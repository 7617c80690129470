package dev.concierge.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Presence;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentHeartbeats;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.agent.InMemoryAgentHeartbeats;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.contract.MutableClock;
import dev.concierge.routing.contract.RecordingEvents;
import dev.concierge.routing.sla.BusinessCalendar;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryTicketStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.junit.jupiter.api.Test;

/** Two "nodes" over one router state: the agents of the one that stops beating (killed) go offline on the other. */
class PresenceLeasesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RecordingEvents events = new RecordingEvents();
    private final InMemoryAgentDirectory directory = new InMemoryAgentDirectory();
    private final QueueingRouter router = new QueueingRouter(new RoutingStores(new InMemoryRoutingState(), directory,
            new InMemoryTicketStore()),
            RoutingSettings.defaults().withCalendar(BusinessCalendar.always(ZoneOffset.UTC)), events, clock);
    private final AgentHeartbeats beats = new InMemoryAgentHeartbeats();
    private final Set<AgentId> onA = new CopyOnWriteArraySet<>();
    private final Set<AgentId> onB = new CopyOnWriteArraySet<>();
    private final PresenceLeases nodeA = new PresenceLeases(beats, "node-a", router, () -> Set.copyOf(onA), clock);
    private final PresenceLeases nodeB = new PresenceLeases(beats, "node-b", router, () -> Set.copyOf(onB), clock);

    private AgentId connect(String id, Set<AgentId> node, PresenceLeases leases) {
        AgentId agent = new AgentId(id);
        directory.put(new AgentProfile(agent, id, Set.of(), Set.of("zh"), Map.of(Channel.WEB_CHAT, 3), Set.of(),
                false));
        node.add(agent);
        leases.connected(agent);
        router.setPresence(agent, Presence.ONLINE);
        return agent;
    }

    @Test
    void theAgentsOfANodeThatStoppedBeatingGoOfflineAndTheirOffersGoToSomeoneElse() {
        AgentId ghost = connect("a-on-a", onA, nodeA);
        router.enqueue(new HandoffTicket(new ConversationId("c1"), new CustomerId("u1"), Channel.WEB_CHAT, "zh",
                Set.of(), 0, "human_request", clock.instant()));
        assertThat(events.lastOfferOf(new ConversationId("c1"))).isEqualTo(ghost);

        // node A is killed: nothing beats for its agent any more, nothing took it offline
        AgentId alive = connect("b-on-b", onB, nodeB);
        clock.advance(Duration.ofSeconds(15));
        assertThat(nodeB.sweep()).isEmpty();
        assertThat(router.presences()).containsEntry(ghost, Presence.ONLINE);

        clock.advance(Duration.ofSeconds(10));
        assertThat(nodeB.sweep()).containsExactly(ghost);
        assertThat(router.presences()).containsEntry(ghost, Presence.OFFLINE).containsEntry(alive, Presence.ONLINE);
        assertThat(events.withdrawn).contains(ghost + ":c1:agent_offline");
        assertThat(events.lastOfferOf(new ConversationId("c1"))).isEqualTo(alive);
        // B's own agent is vouched for by B's sweeps, however long it stays
        clock.advance(Duration.ofMinutes(5));
        assertThat(nodeB.sweep()).isEmpty();
    }

    @Test
    void anAgentWhoReconnectedToAnotherNodeStaysOnline() {
        AgentId agent = connect("mover", onA, nodeA);
        clock.advance(Duration.ofSeconds(18));
        onA.clear(); // node A dies; the agent's desk reconnects to B
        connect("mover", onB, nodeB);
        clock.advance(Duration.ofSeconds(10));
        assertThat(nodeA.sweep()).isEmpty();
        assertThat(router.presences()).containsEntry(agent, Presence.ONLINE);
    }

    @Test
    void anAgentWhoseSocketClosesOnOneNodeButIsConnectedToAnotherStaysOnline() {
        AgentId agent = connect("two-tabs", onA, nodeA);
        connect("two-tabs", onB, nodeB);
        clock.advance(Duration.ofSeconds(3));
        onA.remove(agent);
        assertThat(nodeA.disconnected(agent)).isTrue();
        // the other socket closes too: now they are gone everywhere
        onB.remove(agent);
        assertThat(nodeB.disconnected(agent)).isFalse();
    }
}
