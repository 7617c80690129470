package dev.concierge.routing.assignment;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Offer;
import dev.concierge.routing.OfferNotFoundException;
import dev.concierge.routing.Presence;
import dev.concierge.routing.QueueStatus;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.routing.sla.SlaPolicy;
import dev.concierge.routing.state.AgentState;
import dev.concierge.routing.state.Claim;
import dev.concierge.routing.state.ClaimOutcome;
import dev.concierge.routing.state.ClaimRequest;
import dev.concierge.routing.state.DrainView;
import dev.concierge.routing.state.Eligible;
import dev.concierge.routing.state.EnqueueOutcome;
import dev.concierge.routing.state.Fired;
import dev.concierge.routing.state.Held;
import dev.concierge.routing.state.PresenceChange;
import dev.concierge.routing.state.QueueEntry;
import dev.concierge.routing.state.QueuePlace;
import dev.concierge.routing.state.Released;
import dev.concierge.routing.state.RoutingState;
import dev.concierge.routing.state.Waiting;
import dev.concierge.routing.ticket.Ticket;
import dev.concierge.routing.ticket.TicketEvent;
import dev.concierge.routing.ticket.TicketId;
import dev.concierge.routing.ticket.TicketStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: decisions in Java, every state change an atomic operation of the {@link RoutingState} (so two routers
 * on two nodes sharing a Redis state never double-assign). The queue drains whenever capacity may have appeared
 * (release, decline, expiry, an agent coming online, a transfer), never on a schedule; {@link #tick()} only fires
 * due timers.
 */
public final class QueueingRouter implements Router {
    private static final Logger LOG = LoggerFactory.getLogger(QueueingRouter.class);
    /** Queue entries read per round trip while draining. */
    private static final int PAGE = 32;
    /** How deep a drain looks into the queue for work a freed agent can do. */
    private static final int SCAN_LIMIT = 1_000;
    private static final int TIMERS_PER_TICK = 500;

    private final RoutingStores stores;
    private final RoutingState state;
    private final RoutingSettings settings;
    private final RoutingEvents events;
    private final Clock clock;
    private final SlaPolicy sla;
    private final AgentSelector selector = new AgentSelector();
    /**
     * Held while offers are placed (drain) and while a returned offer is put to rest (decline, lapse): on this node a
     * drain never sees a declined conversation back in the queue before its rest is recorded.
     */
    private final Object offering = new Object();

    public QueueingRouter(RoutingStores stores, RoutingSettings settings, RoutingEvents events, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.state = stores.state();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sla = new SlaPolicy(settings.sla(), settings.calendar());
    }

    @Override
    public QueueStatus enqueue(HandoffTicket ticket) {
        Instant now = clock.instant();
        long rank = ticket.requestedAt().toEpochMilli() - settings.priority().boostMillis(ticket);
        QueueEntry entry = QueueEntry.of(ticket, now, rank);
        AgentDirectory.Listing listing = stores.agents().cachedListing();
        Instant expires = now.plus(settings.offerTimeout());
        EnqueueOutcome outcome = state.enqueue(entry, sla.timersFor(ticket, now),
                request(new Waiting(entry, Set.of()), listing, now, expires));
        ConversationId conversation = ticket.conversationId();
        if (!outcome.added()) {
            return queueStatus(conversation).orElse(new QueueStatus(conversation, 0, 0));
        }
        ClaimOutcome claim = outcome.claim();
        if (claim.claim() == Claim.NOT_TRIED) {
            // a returning customer: their first-contact owner gets the first chance if online
            listing = stores.agents().freshListing();
            AgentId owner = outcome.owner().orElseThrow();
            AgentState ownerState = state.agents().get(owner);
            if (ownerState != null && ownerState.presence() == Presence.ONLINE
                    && listing.profiles().stream().anyMatch(p -> p.id().equals(owner))) {
                Instant until = now.plus(settings.ownerFallback());
                entry = entry.preferring(owner, until);
                state.updateWaiting(entry, until);
            }
            claim = claim(new Waiting(entry, Set.of()), listing, now, expires);
        } else if (claim.claim() == Claim.STALE_DIRECTORY) {
            claim = claim(new Waiting(entry, Set.of()), stores.agents().freshListing(), now, expires);
        }
        if (claim.claim() == Claim.OFFERED) {
            events.offered(new Offer(conversation, claim.agent().orElseThrow(), ticket, now, expires));
            return new QueueStatus(conversation, 0, 0);
        }
        return queueStatus(conversation).orElse(new QueueStatus(conversation, 0, 0));
    }

    private ClaimRequest request(Waiting waiting, AgentDirectory.Listing listing, Instant now, Instant expires) {
        return new ClaimRequest(selector.eligible(waiting, listing.profiles(), now), listing.version(), now, expires);
    }

    /** Claims with the given listing, re-reading the directory when it changed under us. */
    private ClaimOutcome claim(Waiting waiting, AgentDirectory.Listing listing, Instant now, Instant expires) {
        ClaimOutcome outcome = state.claimBest(waiting.entry().conversationId(),
                request(waiting, listing, now, expires));
        for (int retry = 0; retry < 5 && outcome.claim() == Claim.STALE_DIRECTORY; retry++) {
            outcome = state.claimBest(waiting.entry().conversationId(),
                    request(waiting, stores.agents().freshListing(), now, expires));
        }
        return outcome;
    }

    @Override
    public Optional<QueueStatus> queueStatus(ConversationId conversation) {
        Optional<QueuePlace> place = state.queuePlace(conversation);
        if (place.isEmpty()) {
            return Optional.empty();
        }
        long ahead = place.get().position() + 1;
        long wait = ahead * settings.averageHandlingTime().toSeconds() / Math.max(1, place.get().onlineAgents());
        Instant now = clock.instant();
        if (place.get().onlineAgents() == 0 && !sla.calendar().isOpen(now)) {
            // nobody on duty off hours: the queue starts moving when the team comes in
            wait += Duration.between(now, sla.calendar().nextOpen(now)).toSeconds();
        }
        return Optional.of(new QueueStatus(conversation, (int) Math.min(Integer.MAX_VALUE, ahead), wait));
    }

    @Override
    public void setPresence(AgentId agent, Presence presence) {
        PresenceChange change = state.setPresence(agent, presence, settings.requeueAssignedOnOffline());
        String reason = "agent_" + presence.name().toLowerCase(java.util.Locale.ROOT);
        change.withdrawnOffers().forEach(c -> events.offerWithdrawn(agent, c, reason));
        change.requeuedAssignments().forEach(c -> events.unassigned(agent, c, reason));
        if (presence == Presence.ONLINE || change.changedQueue()) {
            drain();
        }
    }

    @Override
    public void forgetCustomer(dev.concierge.core.customer.CustomerId customer, List<ConversationId> conversations) {
        state.forgetOwners(customer, conversations);
    }

    @Override
    public Map<AgentId, Presence> presences() {
        Map<AgentId, Presence> result = new HashMap<>();
        state.agents().forEach((id, agentState) -> result.put(id, agentState.presence()));
        return result;
    }

    @Override
    public void accept(AgentId agent, ConversationId conversation) {
        if (!state.accept(agent, conversation)) {
            throw new OfferNotFoundException(agent, conversation);
        }
        events.assigned(agent, conversation);
    }

    @Override
    public void decline(AgentId agent, ConversationId conversation) {
        synchronized (offering) {
            // back in the queue and resting from this agent in one step: three declines sent at once offered two of
            // the conversations straight back, another decline's drain running between the return and the rest
            if (!state.returnOffer(agent, conversation)) {
                throw new OfferNotFoundException(agent, conversation);
            }
            events.offerWithdrawn(agent, conversation, "declined");
            rest(agent, conversation);
            drain();
        }
    }

    /**
     * The agent who declined the conversation or let its offer lapse is not offered it again for
     * {@link RoutingSettings#declineRest()}; a wake-up then offers it again, to them too if nobody else has room.
     */
    private void rest(AgentId agent, ConversationId conversation) {
        Instant now = clock.instant();
        Instant until = now.plus(settings.declineRest());
        state.entry(conversation).ifPresent(e -> state.updateWaiting(e.restingFrom(agent, until, now), until));
    }

    @Override
    public void release(ConversationId conversation, String reason) {
        Released released = state.release(conversation);
        released.held().filter(h -> !h.accepted())
                .ifPresent(h -> events.offerWithdrawn(h.agent(), conversation, reason));
        if (released.held().isPresent() && released.waiting() > 0) {
            drain();
        }
    }

    @Override
    public void tick() {
        boolean queueChanged = false;
        List<Fired> fired;
        do {
            synchronized (offering) {
                // a lapsed offer is back in the queue when fired: resting from its agent before any drain sees it
                fired = state.fireDue(clock.instant(), TIMERS_PER_TICK);
                queueChanged |= handle(fired);
            }
        } while (fired.size() == TIMERS_PER_TICK);
        if (queueChanged) {
            drain();
        }
    }

    /** Acts on fired timers; whether the queue changed (an offer lapsed, a wake-up came due). */
    private boolean handle(List<Fired> fired) {
        boolean queueChanged = false;
        for (Fired f : fired) {
            if (f instanceof Fired.OfferExpired expired) {
                log(expired.conversationId(), "offer_expired agent={}", expired.agent());
                events.offerWithdrawn(expired.agent(), expired.conversationId(), "timeout");
                rest(expired.agent(), expired.conversationId());
                queueChanged = true;
            } else if (f instanceof Fired.Breached breached) {
                SlaBreach breach = breached.breach();
                log(breach.conversationId(), "sla_breach kind={} due={}", breach.kind(), breach.dueAt());
                events.slaBreached(breach);
                events.escalated(breach.conversationId(), "sla_breach:" + breach.kind().name().toLowerCase(
                        java.util.Locale.ROOT));
            } else {
                queueChanged = true;
            }
        }
        return queueChanged;
    }

    @Override
    public Optional<AgentId> holder(ConversationId conversation) {
        return state.holder(conversation).map(Held::agent);
    }

    @Override
    public void firstResponse(ConversationId conversation) {
        Set<SlaKind> kinds = EnumSet.noneOf(SlaKind.class);
        for (SlaKind kind : SlaKind.values()) {
            if (kind.stoppedByFirstResponse()) {
                kinds.add(kind);
            }
        }
        state.cancelSla(conversation, kinds);
    }

    @Override
    public void transferToAgent(ConversationId conversation, AgentId target, String note) {
        Instant until = clock.instant().plus(settings.transferFallback());
        requeue(conversation, e -> e.retargeted(target, until, null, false, note), until, "transferred");
    }

    @Override
    public void transferToTeam(ConversationId conversation, String team, String note) {
        Objects.requireNonNull(team, "team");
        if (!teamExists(team)) {
            throw new java.util.NoSuchElementException("no team " + team);
        }
        requeue(conversation, e -> e.retargeted(null, null, team, false, note), null, "transferred");
    }

    @Override
    public void handBack(ConversationId conversation, String note) {
        requeue(conversation, e -> e.retargeted(null, null, null, false, note), null, "handed_back");
    }

    @Override
    public boolean teamExists(String team) {
        return !stores.agents().team(team).isEmpty();
    }

    @Override
    public void escalate(ConversationId conversation, String note) {
        requeue(conversation, e -> e.retargeted(null, null, null, true, note), null, "escalated");
        log(conversation, "escalated", null, null);
        events.escalated(conversation, note == null ? "" : note);
    }

    @Override
    public Optional<Ticket> close(ConversationId conversation, boolean resolved, String note) {
        Instant now = clock.instant();
        Optional<QueueEntry> entry = state.entry(conversation);
        Optional<AgentId> owner = entry.flatMap(e -> state.owner(conversation, e.ticket().customerId()));
        release(conversation);
        if (resolved || entry.isEmpty()) {
            return Optional.empty();
        }
        HandoffTicket handoff = entry.get().ticket();
        Ticket ticket = new Ticket(new TicketId("t-" + UUID.randomUUID()), conversation, handoff.customerId(),
                owner.orElse(null), handoff.complaint(), now, sla.ticketDue(handoff.complaint(), now),
                TicketStatus.OPEN, List.of(new TicketEvent(now, TicketStatus.OPEN, note)));
        stores.tickets().create(ticket);
        log(conversation, "ticket_opened ticket={} due={}", ticket.id(), ticket.dueAt());
        events.ticketOpened(ticket);
        return Optional.of(ticket);
    }

    @Override
    public Optional<Instant> promisedReplyTime(Channel channel) {
        return sla.promisedReplyTime(channel, clock.instant());
    }

    @Override
    public List<SlaBreach> breaches(int limit) {
        return state.breaches(limit);
    }

    /** Offers waiting conversations, in queue order, to agents with room until no one has room left. */
    void drain() {
        synchronized (offering) {
            drainPages();
        }
    }

    private void drainPages() {
        DrainView view = state.drainView(PAGE);
        List<Waiting> page = view.waiting();
        if (page.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        AgentDirectory.Listing listing = stores.agents().freshListing();
        Map<AgentId, Candidate> candidates = candidates(listing.profiles(), view.agents());
        int offset = 0;
        int scanned = 0;
        while (candidates.values().stream().anyMatch(Candidate::hasRoomAnywhere)) {
            int placed = 0;
            for (Waiting waiting : page) {
                if (place(waiting, listing, candidates, now)) {
                    placed++;
                }
            }
            scanned += page.size();
            if (page.size() < PAGE || scanned >= SCAN_LIMIT) {
                return;
            }
            offset += page.size() - placed;
            page = state.waiting(offset, PAGE);
        }
    }

    private interface Retarget {
        QueueEntry apply(QueueEntry entry);
    }

    private void requeue(ConversationId conversation, Retarget retarget, Instant wakeAt, String reason) {
        Optional<Held> held = state.holder(conversation);
        Optional<QueueEntry> entry = state.entry(conversation);
        if (held.isEmpty() || !held.get().accepted() || entry.isEmpty()
                || !state.requeueAssigned(conversation, retarget.apply(entry.get()), wakeAt)) {
            throw new IllegalStateException("conversation " + conversation + " is not assigned to an agent");
        }
        events.unassigned(held.get().agent(), conversation, reason);
        drain();
    }

    private boolean place(Waiting waiting, AgentDirectory.Listing listing, Map<AgentId, Candidate> candidates,
            Instant now) {
        HandoffTicket ticket = waiting.entry().ticket();
        Channel channel = ticket.channel();
        List<Eligible> eligible = selector.eligible(waiting, listing.profiles(), now);
        if (eligible.stream().noneMatch(e -> candidates.containsKey(e.agent())
                && candidates.get(e.agent()).hasRoomOn(channel))) {
            return false;
        }
        Instant expires = now.plus(settings.offerTimeout());
        ClaimOutcome claim = claim(waiting, listing, now, expires);
        if (claim.claim() == Claim.OFFERED) {
            AgentId agent = claim.agent().orElseThrow();
            Candidate taker = candidates.get(agent);
            if (taker != null) {
                taker.took(channel);
            }
            events.offered(new Offer(ticket.conversationId(), agent, ticket, now, expires));
            return true;
        }
        if (claim.claim() == Claim.AGENT_UNAVAILABLE) {
            eligible.forEach(e -> {
                Candidate c = candidates.get(e.agent());
                if (c != null) {
                    c.full(channel);
                }
            });
        }
        return false;
    }

    private static Map<AgentId, Candidate> candidates(List<AgentProfile> profiles, Map<AgentId, AgentState> live) {
        Map<AgentId, Candidate> result = new HashMap<>();
        for (AgentProfile profile : profiles) {
            AgentState s = live.get(profile.id());
            if (s != null && s.presence() == Presence.ONLINE) {
                result.put(profile.id(), new Candidate(profile, s));
            }
        }
        return result;
    }

    /** One structured line per routing event, the conversation id in the MDC; ids only, no personal data. */
    private static void log(ConversationId conversation, String format, Object a, Object b) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        try (ConversationLog.Scope ignored = ConversationLog.scope(conversation)) {
            LOG.info(format, a, b);
        }
    }

    private static void log(ConversationId conversation, String format, Object a) {
        log(conversation, format, a, null);
    }
}
