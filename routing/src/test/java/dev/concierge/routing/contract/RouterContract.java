package dev.concierge.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ComplaintSeverity;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.OfferNotFoundException;
import dev.concierge.routing.Presence;
import dev.concierge.routing.QueueStatus;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.state.AgentState;
import dev.concierge.routing.state.DrainView;
import dev.concierge.routing.sla.BusinessCalendar;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.routing.ticket.Ticket;
import dev.concierge.routing.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every router over every {@link RoutingStores} implementation must do. Implementations provide fresh,
 * empty stores; the contract builds a {@link QueueingRouter} with a test clock and recording events.
 */
public interface RouterContract {

    /** Fresh, empty stores (a new namespace for Redis). */
    RoutingStores stores();

    /** Monday 2026-11-23 10:00 UTC: inside business hours of the test calendar. */
    Instant MONDAY_10 = Instant.parse("2026-11-23T10:00:00Z");

    default RoutingSettings settings() {
        return RoutingSettings.defaults().withCalendar(
                BusinessCalendar.weekdays(ZoneOffset.UTC, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0)));
    }

    /** A router plus what it needs in tests. */
    final class Fixture {
        public final MutableClock clock = new MutableClock(MONDAY_10);
        public final RecordingEvents events = new RecordingEvents();
        public final RoutingStores stores;
        public final Router router;

        Fixture(RoutingStores stores, RoutingSettings settings) {
            this.stores = stores;
            this.router = new QueueingRouter(stores, settings, events, clock);
        }

        public Fixture agent(String id, Set<String> skills, Set<String> languages, int chat, boolean online) {
            stores.agents().put(new AgentProfile(new AgentId(id), id, skills, languages,
                    Map.of(Channel.WEB_CHAT, chat, Channel.EMAIL, 10, Channel.SMS, 5), Set.of("general"), false));
            if (online) {
                router.setPresence(new AgentId(id), Presence.ONLINE);
            }
            return this;
        }

        public Fixture agent(String id, int chat) {
            return agent(id, chat, true);
        }

        public Fixture agent(String id, int chat, boolean online) {
            return agent(id, Set.of("logistics", "refunds"), Set.of("zh", "en"), chat, online);
        }

        public HandoffTicket chat(String conversation) {
            return ticket(conversation, "cust-" + conversation, Set.of(), "zh", ComplaintSeverity.NONE);
        }

        public HandoffTicket ticket(String conversation, String customer, Set<String> skills, String language,
                ComplaintSeverity complaint) {
            return new HandoffTicket(new ConversationId(conversation), new CustomerId(customer), Channel.WEB_CHAT,
                    language, skills, 0, "human_request", clock.instant(), complaint, false, 0.0);
        }
    }

    default Fixture fixture() {
        return new Fixture(stores(), settings());
    }

    static ConversationId c(String id) {
        return new ConversationId(id);
    }

    static AgentId a(String id) {
        return new AgentId(id);
    }

    @Test
    default void offersToAnEligibleOnlineAgentAndAssignsOnAccept() {
        Fixture f = fixture().agent("a1", 3);
        QueueStatus status = f.router.enqueue(f.chat("c1"));

        assertThat(status.position()).isZero();
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a1"));
        assertThat(f.events.offers.get(0).expiresAt()).isEqualTo(MONDAY_10.plusSeconds(30));
        f.router.accept(a("a1"), c("c1"));
        assertThat(f.events.assigned).containsExactly("a1:c1");
        assertThat(f.router.holder(c("c1"))).contains(a("a1"));
    }

    @Test
    default void acceptingWithoutAnOfferFails() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.router.enqueue(f.chat("c1"));
        AgentId other = f.events.lastOfferOf(c("c1")).equals(a("a1")) ? a("a2") : a("a1");

        assertThatThrownBy(() -> f.router.accept(other, c("c1"))).isInstanceOf(OfferNotFoundException.class);
        assertThatThrownBy(() -> f.router.decline(other, c("c9"))).isInstanceOf(OfferNotFoundException.class);
    }

    @Test
    default void waitsInQueueWithPositionAndExpectedWaitWhenNobodyHasRoom() {
        Fixture f = fixture().agent("a1", 1);
        f.router.enqueue(f.chat("c1"));
        QueueStatus second = f.router.enqueue(f.chat("c2"));
        QueueStatus third = f.router.enqueue(f.chat("c3"));

        assertThat(second.position()).isEqualTo(1);
        assertThat(third.position()).isEqualTo(2);
        assertThat(third.expectedWaitSeconds()).isEqualTo(2 * 300);
        assertThat(f.router.queueStatus(c("c1"))).isEmpty();
        assertThat(f.events.offersOf(c("c2"))).isZero();
    }

    @Test
    default void expectedWaitCountsOnlyOnlineAgents() {
        Fixture f = fixture().agent("a1", 1).agent("a2", 1).agent("a3", 1, false).agent("a4", 1);
        f.router.setPresence(a("a4"), Presence.AWAY);
        f.router.enqueue(f.chat("c1"));
        f.router.enqueue(f.chat("c2"));
        f.router.enqueue(f.chat("c3"));
        QueueStatus fourth = f.router.enqueue(f.chat("c4"));

        // second in the queue, two agents online (a3 never came online, a4 is away)
        assertThat(fourth.position()).isEqualTo(2);
        assertThat(fourth.expectedWaitSeconds()).isEqualTo(2 * 300 / 2);
        f.router.setPresence(a("a4"), Presence.ONLINE);
        // a4 takes c3 at once; c4 is now first of three online agents' queue
        assertThat(f.router.queueStatus(c("c4"))).contains(new QueueStatus(c("c4"), 1, 300 / 3));
    }

    @Test
    default void drainViewShowsTheHeadOfTheQueueAndTheOnlineAgentsAsTheyAre() {
        Fixture f = fixture().agent("a1", 1).agent("a2", 2).agent("a3", 1, false);
        f.router.enqueue(f.chat("c1"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c2"));
        f.router.enqueue(f.chat("c3"));
        f.router.enqueue(f.chat("c4"));
        f.router.enqueue(f.chat("c5"));

        DrainView view = f.stores.state().drainView(1);
        assertThat(view.waiting()).extracting(w -> w.entry().conversationId()).containsExactly(c("c4"));
        Map<AgentId, AgentState> all = f.stores.state().agents();
        for (AgentId online : java.util.List.of(a("a1"), a("a2"))) {
            assertThat(view.agents().get(online)).isEqualTo(all.get(online));
        }
        assertThat(view.agents().get(a("a2")).loadOn(Channel.WEB_CHAT)).isEqualTo(2);
        assertThat(view.agents().get(a("a2")).lastOfferMillis()).isEqualTo(MONDAY_10.plusSeconds(1).toEpochMilli());
        assertThat(view.agents().getOrDefault(a("a3"), AgentState.offline(a("a3"))).presence())
                .isEqualTo(Presence.OFFLINE);

        f.router.release(c("c4"));
        f.router.release(c("c5"));
        assertThat(f.stores.state().drainView(32).waiting()).isEmpty();
    }

    @Test
    default void releaseFreesCapacityAndDrainsTheQueueAtOnce() {
        Fixture f = fixture().agent("a1", 1);
        f.router.enqueue(f.chat("c1"));
        f.router.accept(a("a1"), c("c1"));
        f.router.enqueue(f.chat("c2"));
        assertThat(f.events.offersOf(c("c2"))).isZero();

        f.router.release(c("c1"));

        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(a("a1"));
        assertThat(f.router.queueStatus(c("c2"))).isEmpty();
    }

    @Test
    default void respectsSkillsLanguageAndChannelCapacity() {
        Fixture f = fixture()
                .agent("en-only", Set.of("logistics"), Set.of("en"), 3, true)
                .agent("zh-refunds", Set.of("refunds"), Set.of("zh"), 3, true)
                .agent("no-chat", Set.of("logistics", "refunds"), Set.of("zh", "en"), 0, true);

        f.router.enqueue(f.ticket("c1", "u1", Set.of("refunds"), "zh", ComplaintSeverity.NONE));
        f.router.enqueue(f.ticket("c2", "u2", Set.of("logistics"), "en", ComplaintSeverity.NONE));
        f.router.enqueue(f.ticket("c3", "u3", Set.of("refunds"), "en", ComplaintSeverity.NONE));

        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("zh-refunds"));
        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(a("en-only"));
        assertThat(f.events.lastOfferOf(c("c3"))).isNull();
        assertThat(f.router.queueStatus(c("c3"))).isPresent();
    }

    @Test
    default void picksFewestOpenThenLongestIdle() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.router.enqueue(f.chat("c1"));
        AgentId first = f.events.lastOfferOf(c("c1"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c2"));
        AgentId second = f.events.lastOfferOf(c("c2"));
        assertThat(second).isNotEqualTo(first);

        f.router.release(c("c1"));
        f.router.release(c("c2"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c3"));
        // both idle with 0 open: the one offered longest ago wins
        assertThat(f.events.lastOfferOf(c("c3"))).isEqualTo(first);
    }

    @Test
    default void equalAgentsAreTakenInIdOrderThenByLongestIdle() {
        Fixture f = fixture().agent("a2", 3).agent("a3", 3).agent("a1", 3);
        f.router.enqueue(f.chat("c1"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c2"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c3"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c4"));

        // nobody offered yet, 0 open each: by id; then one open each: the one offered longest ago
        assertThat(f.events.offers).extracting(o -> o.agent().value()).containsExactly("a1", "a2", "a3", "a1");
    }

    @Test
    default void theBestAgentFullOnTheChannelIsPassedOver() {
        Fixture f = fixture().agent("a1", 1).agent("a2", 2);
        f.router.enqueue(f.chat("c1"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c2"));
        assertThat(f.events.offers).extracting(o -> o.agent().value()).containsExactly("a1", "a2");

        // one open each and a1 idle longer, but a1 has no chat slot left
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c3"));
        assertThat(f.events.lastOfferOf(c("c3"))).isEqualTo(a("a2"));
        // email is a separate capacity: a1 (fewer open) takes it
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(new HandoffTicket(c("e1"), new CustomerId("cust-e1"), Channel.EMAIL, "zh", Set.of(), 0,
                "human_request", f.clock.instant()));
        assertThat(f.events.lastOfferOf(c("e1"))).isEqualTo(a("a1"));
    }

    @Test
    default void anAgentWhoDeclinedGetsItAgainOnlyAfterARestWhenNobodyElseCan() {
        Fixture f = fixture().agent("a1", 1).agent("a2", 1);
        f.router.enqueue(f.chat("c1"));
        f.router.decline(a("a1"), c("c1"));
        f.router.decline(a("a2"), c("c1"));

        // both declined: it waits instead of bouncing straight back to one of them
        assertThat(f.events.offers).extracting(o -> o.agent().value()).containsExactly("a1", "a2");
        assertThat(f.router.queueStatus(c("c1"))).isPresent();
        f.clock.advance(Duration.ofSeconds(59));
        f.router.tick();
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(2);
        // after twice the offer timeout, back to the first in order rather than left waiting
        f.clock.advance(Duration.ofSeconds(2));
        f.router.tick();
        assertThat(f.events.offers).extracting(o -> o.agent().value()).containsExactly("a1", "a2", "a1");
        f.router.accept(a("a1"), c("c1"));
        assertThat(f.router.holder(c("c1"))).contains(a("a1"));
    }

    @Test
    default void anAgentAloneOnShiftWhoDeclinesIsNotOfferedItAgainAtOnce() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.chat("c1"));
        f.router.decline(a("a1"), c("c1"));
        // another conversation arriving drains the queue: c1 still rests from a1, c2 is offered
        f.router.enqueue(f.chat("c2"));
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(1);
        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(a("a1"));
        // a lapsed offer rests the same way
        f.clock.advance(Duration.ofSeconds(31));
        f.router.tick();
        assertThat(f.events.withdrawn).contains("a1:c2:timeout");
        assertThat(f.events.offersOf(c("c2"))).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(30));
        f.router.tick();
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(2);
        assertThat(f.events.offersOf(c("c2"))).isEqualTo(1);
    }

    @Test
    default void anAgentWhoIsAwayIsSkippedAndKeepsTheirPlaceWhenBack() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.router.setPresence(a("a1"), Presence.AWAY);
        f.router.enqueue(f.chat("c1"));
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a2"));

        f.router.setPresence(a("a1"), Presence.ONLINE);
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c2"));
        // a1 has 0 open again, a2 has 1
        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(a("a1"));
        f.router.release(c("c1"));
        f.clock.advance(Duration.ofSeconds(1));
        f.router.enqueue(f.chat("c3"));
        // a2 freed its conversation: 0 open against a1's 1
        assertThat(f.events.lastOfferOf(c("c3"))).isEqualTo(a("a2"));
    }

    @Test
    default void declineGoesToTheNextAgent() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.router.enqueue(f.chat("c1"));
        AgentId first = f.events.lastOfferOf(c("c1"));

        f.router.decline(first, c("c1"));

        AgentId next = f.events.lastOfferOf(c("c1"));
        assertThat(next).isNotEqualTo(first);
        assertThat(f.events.withdrawn).contains(first + ":c1:declined");
    }

    @Test
    default void offerTimesOutAndIsReofferedToTheNextAgent() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.router.enqueue(f.chat("c1"));
        AgentId first = f.events.lastOfferOf(c("c1"));

        f.clock.advance(Duration.ofSeconds(29));
        f.router.tick();
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(1);

        f.clock.advance(Duration.ofSeconds(2));
        f.router.tick();
        f.router.tick();

        assertThat(f.events.withdrawn).containsExactly(first + ":c1:timeout");
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(2);
        assertThat(f.events.lastOfferOf(c("c1"))).isNotEqualTo(first);
        assertThatThrownBy(() -> f.router.accept(first, c("c1"))).isInstanceOf(OfferNotFoundException.class);
    }

    @Test
    default void anAcceptedOfferDoesNotTimeOut() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.chat("c1"));
        f.router.accept(a("a1"), c("c1"));
        f.clock.advance(Duration.ofMinutes(1));
        f.router.tick();
        assertThat(f.router.holder(c("c1"))).contains(a("a1"));
        assertThat(f.events.withdrawn).isEmpty();
    }

    @Test
    default void goingOfflineRequeuesUnansweredOffers() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3, false);
        f.router.enqueue(f.chat("c1"));
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a1"));

        f.router.setPresence(a("a1"), Presence.OFFLINE);
        assertThat(f.events.withdrawn).containsExactly("a1:c1:agent_offline");
        assertThat(f.router.queueStatus(c("c1"))).isPresent();

        f.router.setPresence(a("a2"), Presence.ONLINE);
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a2"));
    }

    @Test
    default void assignedConversationsStayWithAnOfflineAgentUnlessConfigured() {
        Fixture keep = fixture().agent("a1", 3);
        keep.router.enqueue(keep.chat("c1"));
        keep.router.accept(a("a1"), c("c1"));
        keep.router.setPresence(a("a1"), Presence.OFFLINE);
        assertThat(keep.router.holder(c("c1"))).contains(a("a1"));

        Fixture requeue = new Fixture(stores(), settings().withRequeueAssignedOnOffline(true)).agent("a1", 3);
        requeue.router.enqueue(requeue.chat("c1"));
        requeue.router.accept(a("a1"), c("c1"));
        requeue.router.setPresence(a("a1"), Presence.OFFLINE);
        assertThat(requeue.router.holder(c("c1"))).isEmpty();
        assertThat(requeue.router.queueStatus(c("c1"))).isPresent();
        assertThat(requeue.events.unassigned).containsExactly("a1:c1:agent_offline");
    }

    @Test
    default void agentComingOnlineDrainsTheQueue() {
        Fixture f = fixture().agent("a1", 3, false);
        f.stores.agents().put(new AgentProfile(a("a1"), "A", Set.of(), Set.of("zh"), Map.of(Channel.WEB_CHAT, 2),
                Set.of(), false));
        f.router.enqueue(f.chat("c1"));
        f.router.enqueue(f.chat("c2"));
        f.router.enqueue(f.chat("c3"));

        f.router.setPresence(a("a1"), Presence.ONLINE);

        assertThat(f.events.offers).extracting(o -> o.conversationId().value()).containsExactly("c1", "c2");
        assertThat(f.router.queueStatus(c("c3")).orElseThrow().position()).isEqualTo(1);
    }

    @Test
    default void urgentCasesGoFirstButWaitingTimeAges() {
        Fixture f = fixture().agent("a1", 1);
        f.router.enqueue(f.chat("busy"));
        f.router.accept(a("a1"), c("busy"));
        f.router.enqueue(f.chat("plain"));
        f.clock.advance(Duration.ofMinutes(1));
        HandoffTicket security = new HandoffTicket(c("security"), new CustomerId("u-sec"), Channel.WEB_CHAT, "zh",
                Set.of("account_security"), 0, "account_security", f.clock.instant());
        f.stores.agents().put(new AgentProfile(a("a1"), "A", Set.of("account_security"), Set.of("zh"),
                Map.of(Channel.WEB_CHAT, 1), Set.of(), false));
        f.router.enqueue(security);

        assertThat(f.router.queueStatus(c("security")).orElseThrow().position()).isEqualTo(1);
        assertThat(f.router.queueStatus(c("plain")).orElseThrow().position()).isEqualTo(2);

        // a plain conversation that waited longer than the boost is ahead of a brand-new VIP
        f.clock.advance(Duration.ofHours(1));
        HandoffTicket vip = new HandoffTicket(c("vip"), new CustomerId("u-vip"), Channel.WEB_CHAT, "zh", Set.of(), 0,
                "human_request", f.clock.instant(), ComplaintSeverity.NONE, true, 0.0);
        f.router.enqueue(vip);
        assertThat(f.router.queueStatus(c("vip")).orElseThrow().position()).isEqualTo(3);

        f.router.release(c("busy"));
        assertThat(f.events.lastOfferOf(c("security"))).isEqualTo(a("a1"));
    }

    @Test
    default void anErasedCustomerHasNoOwnerAnyMore() {
        Fixture f = fixture().agent("owner", 3).agent("other", 3);
        f.router.enqueue(f.ticket("c1", "u1", Set.of(), "zh", ComplaintSeverity.NONE));
        AgentId first = f.events.lastOfferOf(c("c1"));
        f.router.accept(first, c("c1"));
        f.router.release(c("c1"));
        assertThat(f.stores.state().owner(c("c1"), new CustomerId("u1"))).contains(first);
        assertThat(f.stores.state().owner(c("c-later"), new CustomerId("u1"))).contains(first);

        f.router.forgetCustomer(new CustomerId("u1"), java.util.List.of(c("c1")));
        // a new customer reusing the id is not a returning customer of that agent
        assertThat(f.stores.state().owner(c("c1"), new CustomerId("u1"))).isEmpty();
        assertThat(f.stores.state().owner(c("c-later"), new CustomerId("u1"))).isEmpty();
    }

    @Test
    default void returningCustomerIsOfferedToTheirOwnerFirstThenAnyone() {
        Fixture f = fixture().agent("owner", 3).agent("other", 3);
        f.router.enqueue(f.ticket("c1", "u1", Set.of(), "zh", ComplaintSeverity.NONE));
        AgentId first = f.events.lastOfferOf(c("c1"));
        AgentId second = first.equals(a("owner")) ? a("other") : a("owner");
        f.router.accept(first, c("c1"));
        f.router.release(c("c1"));

        // whoever the selector would pick otherwise, the returning customer goes to the owner
        f.router.enqueue(f.chat("x1"));
        f.router.accept(f.events.lastOfferOf(c("x1")), c("x1"));
        f.router.enqueue(f.chat("x2"));
        f.router.accept(f.events.lastOfferOf(c("x2")), c("x2"));
        f.router.enqueue(f.ticket("c2", "u1", Set.of(), "zh", ComplaintSeverity.NONE));
        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(first);

        // the owner declines: it goes to anyone at once rather than back to the owner until the fallback
        f.router.decline(first, c("c2"));
        assertThat(f.events.offersOf(c("c2"))).isEqualTo(2);
        assertThat(f.events.lastOfferOf(c("c2"))).isEqualTo(second);
    }

    @Test
    default void transferToAgentAndTeamAndEscalation() {
        Fixture f = fixture().agent("a1", 3).agent("a2", 3);
        f.stores.agents().put(new AgentProfile(a("billing"), "B", Set.of(), Set.of("zh"), Map.of(Channel.WEB_CHAT, 3),
                Set.of("billing"), false));
        f.stores.agents().put(new AgentProfile(a("boss"), "S", Set.of(), Set.of("zh"), Map.of(Channel.WEB_CHAT, 3),
                Set.of("general"), true));
        f.router.setPresence(a("billing"), Presence.ONLINE);
        f.router.setPresence(a("boss"), Presence.ONLINE);
        f.router.enqueue(f.chat("c1"));
        AgentId first = f.events.lastOfferOf(c("c1"));
        f.router.accept(first, c("c1"));

        f.router.transferToTeam(c("c1"), "billing", "needs an invoice");
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("billing"));
        assertThat(f.events.unassigned).containsExactly(first + ":c1:transferred");
        f.router.accept(a("billing"), c("c1"));

        f.router.transferToAgent(c("c1"), a("a2"), "over to you");
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a2"));
        f.router.accept(a("a2"), c("c1"));

        f.router.escalate(c("c1"), "customer threatens to sue");
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("boss"));
        assertThat(f.events.escalations).containsExactly("c1:customer threatens to sue");

        assertThatThrownBy(() -> f.router.transferToTeam(c("nope"), "billing", ""))
                .isInstanceOf(IllegalStateException.class);
        // a team nobody belongs to is refused, and the conversation stays where it is
        assertThat(f.router.teamExists("no_such_team")).isFalse();
        assertThatThrownBy(() -> f.router.transferToTeam(c("c1"), "no_such_team", ""))
                .isInstanceOf(java.util.NoSuchElementException.class).hasMessageContaining("no team");
    }

    @Test
    default void anEscalationReachesASupervisorWithoutTheCasesSkills() {
        Fixture f = fixture().agent("a1", Set.of("returns"), Set.of("zh"), 3, true);
        f.stores.agents().put(new AgentProfile(a("boss"), "S", Set.of("general"), Set.of("zh"),
                Map.of(Channel.WEB_CHAT, 3), Set.of("general"), true));
        f.router.setPresence(a("boss"), Presence.ONLINE);
        f.router.enqueue(f.ticket("c1", "cust-c1", Set.of("returns"), "zh", ComplaintSeverity.NONE));
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("a1"));
        f.router.accept(a("a1"), c("c1"));

        f.router.escalate(c("c1"), "asks for more than policy allows");
        assertThat(f.events.lastOfferOf(c("c1"))).isEqualTo(a("boss"));
    }

    @Test
    default void chatFirstResponseBreachIsEscalatedAndListed() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.chat("slow"));
        f.router.enqueue(f.chat("fast"));
        f.router.accept(a("a1"), c("fast"));
        f.router.firstResponse(c("fast"));

        f.clock.advance(Duration.ofMinutes(14));
        f.router.tick();
        assertThat(f.router.breaches(10)).isEmpty();

        f.clock.advance(Duration.ofMinutes(2));
        f.router.tick();
        f.router.tick();

        assertThat(f.router.breaches(10)).singleElement().satisfies(b -> {
            assertThat(b.conversationId()).isEqualTo(c("slow"));
            assertThat(b.kind()).isEqualTo(SlaKind.CHAT_FIRST_RESPONSE);
            assertThat(b.dueAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(15)));
        });
        assertThat(f.events.breaches).hasSize(1);
        assertThat(f.events.escalations).containsExactly("slow:sla_breach:chat_first_response");
    }

    @Test
    default void complaintResolutionDeadlineBreachesAcrossTheWeekend() {
        Fixture f = fixture().agent("a1", 3);
        f.clock.set(Instant.parse("2026-11-27T16:00:00Z")); // Friday
        f.router.enqueue(f.ticket("c1", "u1", Set.of(), "zh", ComplaintSeverity.MAJOR));
        f.router.accept(a("a1"), c("c1"));
        f.router.firstResponse(c("c1"));

        f.clock.set(Instant.parse("2026-12-01T17:59:00Z")); // Tuesday, before closing
        f.router.tick();
        assertThat(f.router.breaches(10)).isEmpty();
        f.clock.set(Instant.parse("2026-12-01T18:00:00Z"));
        f.router.tick();
        assertThat(f.router.breaches(10)).extracting(b -> b.kind()).containsExactly(SlaKind.COMPLAINT_RESOLUTION);
    }

    @Test
    default void releasedConversationsStopTheirTimers() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.chat("c1"));
        f.router.release(c("c1"));
        f.clock.advance(Duration.ofDays(30));
        f.router.tick();
        assertThat(f.router.breaches(10)).isEmpty();
        assertThat(f.events.withdrawn).containsExactly("a1:c1:released");
    }

    @Test
    default void unresolvedCloseOpensATicketForTheOwner() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.ticket("c1", "u1", Set.of(), "zh", ComplaintSeverity.GENERAL));
        f.router.accept(a("a1"), c("c1"));

        Optional<Ticket> ticket = f.router.close(c("c1"), false, "waiting for the warehouse");

        assertThat(ticket).hasValueSatisfying(t -> {
            assertThat(t.owner()).isEqualTo(a("a1"));
            assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
            // 7 working days after Monday 2026-11-23: Wednesday 2026-12-02 at closing time
            assertThat(t.dueAt()).isEqualTo(Instant.parse("2026-12-02T18:00:00Z"));
        });
        assertThat(f.stores.tickets().openOwnedBy(a("a1"))).hasSize(1);
        assertThat(f.events.tickets).hasSize(1);
        assertThat(f.router.holder(c("c1"))).isEmpty();

        Ticket done = f.stores.tickets().update(ticket.get().id(), TicketStatus.RESOLVED, null, "refunded",
                f.clock.instant());
        assertThat(done.history()).hasSize(2);
        assertThat(f.stores.tickets().open()).isEmpty();
        assertThat(f.router.close(c("c1"), false, "")).isEmpty();
    }

    @Test
    default void enqueueingTwiceIsHarmless() {
        Fixture f = fixture().agent("a1", 3);
        f.router.enqueue(f.chat("c1"));
        f.router.enqueue(f.chat("c1"));
        assertThat(f.events.offersOf(c("c1"))).isEqualTo(1);
    }

    @Test
    default void offHoursWithNobodyOnDutyTheExpectedWaitRunsToTheOpening() {
        Fixture f = fixture().agent("a1", 1, false);
        f.clock.set(Instant.parse("2026-11-27T20:00:00Z")); // Friday evening; opens Monday 09:00
        QueueStatus first = f.router.enqueue(f.chat("c1"));
        long toOpening = java.time.Duration.between(Instant.parse("2026-11-27T20:00:00Z"),
                Instant.parse("2026-11-30T09:00:00Z")).toSeconds();
        assertThat(first.expectedWaitSeconds()).isEqualTo(toOpening + 300);
    }

    @Test
    default void offHoursAcknowledgementPromisesTheReplyTime() {
        Fixture f = fixture();
        assertThat(f.router.promisedReplyTime(Channel.WEB_CHAT)).isEmpty();
        f.clock.set(Instant.parse("2026-11-27T20:00:00Z")); // Friday evening
        assertThat(f.router.promisedReplyTime(Channel.WEB_CHAT))
                .contains(Instant.parse("2026-11-30T09:15:00Z"));
        assertThat(f.router.promisedReplyTime(Channel.EMAIL)).contains(Instant.parse("2026-11-30T09:00:00Z"));
    }
}
