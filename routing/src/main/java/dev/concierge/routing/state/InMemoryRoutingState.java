package dev.concierge.routing.state;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.routing.sla.SlaTimer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** The embedded default: one lock around plain collections. Same semantics as the Redis scripts. */
public final class InMemoryRoutingState implements RoutingState {
    private static final int MAX_BREACHES = 10_000;

    private record Queued(long rank, String conversation) {
    }

    private record Timer(long dueMillis, String key) {
    }

    private static final Comparator<Queued> QUEUE_ORDER =
            Comparator.comparingLong(Queued::rank).thenComparing(Queued::conversation);
    private static final Comparator<Timer> TIMER_ORDER =
            Comparator.comparingLong(Timer::dueMillis).thenComparing(Timer::key);

    private final Object lock = new Object();
    private final Map<ConversationId, QueueEntry> entries = new HashMap<>();
    private final TreeSet<Queued> queue = new TreeSet<>(QUEUE_ORDER);
    private final Map<ConversationId, Set<AgentId>> declined = new HashMap<>();
    private final Map<ConversationId, Held> holders = new HashMap<>();
    private final Map<AgentId, Set<ConversationId>> heldBy = new HashMap<>();
    private final Map<AgentId, Presence> presence = new HashMap<>();
    private final Map<AgentId, Map<Channel, Integer>> load = new HashMap<>();
    private final Map<AgentId, Long> lastOffer = new HashMap<>();
    private final Map<ConversationId, AgentId> conversationOwner = new HashMap<>();
    private final Map<CustomerId, AgentId> customerOwner = new HashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>(TIMER_ORDER);
    private final Map<String, Timer> timersByKey = new HashMap<>();
    private final Deque<SlaBreach> breaches = new ArrayDeque<>();
    /** Immutable per-agent snapshots, rebuilt when that agent changes: selection reads them on every decision. */
    private final Map<AgentId, AgentState> snapshots = new HashMap<>();

    @Override
    public EnqueueOutcome enqueue(QueueEntry entry, List<SlaTimer> slaTimers, ClaimRequest request) {
        synchronized (lock) {
            ConversationId id = entry.conversationId();
            Optional<AgentId> owner = Optional.ofNullable(conversationOwner.get(id))
                    .or(() -> Optional.ofNullable(customerOwner.get(entry.ticket().customerId())));
            if (entries.containsKey(id)) {
                return new EnqueueOutcome(false, owner, ClaimOutcome.not(Claim.NOT_TRIED));
            }
            entries.put(id, entry);
            queue.add(new Queued(entry.rank(), id.value()));
            for (SlaTimer t : slaTimers) {
                schedule(TimerKeys.sla(t.kind(), id), t.dueAt().toEpochMilli());
            }
            ClaimOutcome claim = owner.isPresent() ? ClaimOutcome.not(Claim.NOT_TRIED)
                    : claimBest(id, request);
            return new EnqueueOutcome(true, owner, claim);
        }
    }

    @Override
    public boolean updateWaiting(QueueEntry entry, Instant wakeAt) {
        synchronized (lock) {
            ConversationId id = entry.conversationId();
            QueueEntry old = entries.get(id);
            if (old == null || holders.containsKey(id)) {
                return false;
            }
            queue.remove(new Queued(old.rank(), id.value()));
            entries.put(id, entry);
            queue.add(new Queued(entry.rank(), id.value()));
            if (wakeAt != null) {
                schedule(TimerKeys.wake(id), wakeAt.toEpochMilli());
            }
            return true;
        }
    }

    @Override
    public List<Waiting> waiting(int offset, int limit) {
        synchronized (lock) {
            List<Waiting> result = new ArrayList<>(Math.min(limit, queue.size()));
            int i = 0;
            for (Queued q : queue) {
                if (i++ < offset) {
                    continue;
                }
                if (result.size() >= limit) {
                    break;
                }
                ConversationId id = new ConversationId(q.conversation());
                result.add(new Waiting(entries.get(id), declined.getOrDefault(id, Set.of())));
            }
            return result;
        }
    }

    @Override
    public OptionalLong position(ConversationId conversation) {
        synchronized (lock) {
            QueueEntry entry = entries.get(conversation);
            if (entry == null || holders.containsKey(conversation)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(queue.headSet(new Queued(entry.rank(), conversation.value())).size());
        }
    }

    @Override
    public long waitingCount() {
        synchronized (lock) {
            return queue.size();
        }
    }

    @Override
    public Optional<QueueEntry> entry(ConversationId conversation) {
        synchronized (lock) {
            return Optional.ofNullable(entries.get(conversation));
        }
    }

    @Override
    public Map<AgentId, AgentState> agents() {
        synchronized (lock) {
            return new HashMap<>(snapshots);
        }
    }

    private void changed(AgentId agent) {
        snapshots.put(agent, AgentState.of(agent, presence.getOrDefault(agent, Presence.OFFLINE),
                load.getOrDefault(agent, Map.of()), lastOffer.getOrDefault(agent, 0L)));
    }

    @Override
    public ClaimOutcome claimBest(ConversationId conversation, ClaimRequest request) {
        synchronized (lock) {
            Instant offeredAt = request.offeredAt();
            Instant expiresAt = request.expiresAt();
            QueueEntry entry = entries.get(conversation);
            if (entry == null || holders.containsKey(conversation)) {
                return ClaimOutcome.not(Claim.CONVERSATION_GONE);
            }
            Channel channel = entry.ticket().channel();
            Eligible best = null;
            int bestOpen = 0;
            long bestLast = 0;
            for (Eligible e : request.eligible()) {
                AgentState s = snapshots.get(e.agent());
                if (s == null || s.presence() != Presence.ONLINE || s.loadOn(channel) >= e.capacity()) {
                    continue;
                }
                int open = s.open();
                if (best == null || better(e, open, s.lastOfferMillis(), best, bestOpen, bestLast)) {
                    best = e;
                    bestOpen = open;
                    bestLast = s.lastOfferMillis();
                }
            }
            if (best == null) {
                return ClaimOutcome.not(Claim.AGENT_UNAVAILABLE);
            }
            AgentId agent = best.agent();
            queue.remove(new Queued(entry.rank(), conversation.value()));
            load.computeIfAbsent(agent, a -> new EnumMap<>(Channel.class)).merge(channel, 1, Integer::sum);
            holders.put(conversation, new Held(agent, channel, false));
            heldBy.computeIfAbsent(agent, a -> new LinkedHashSet<>()).add(conversation);
            lastOffer.put(agent, offeredAt.toEpochMilli());
            schedule(TimerKeys.offer(conversation, agent), expiresAt.toEpochMilli());
            changed(agent);
            return ClaimOutcome.offered(agent);
        }
    }

    /** The selector: not declined before, then fewest open, then longest since the last offer, then id. */
    private static boolean better(Eligible e, int open, long last, Eligible best, int bestOpen, long bestLast) {
        if (e.declined() != best.declined()) {
            return !e.declined();
        }
        if (open != bestOpen) {
            return open < bestOpen;
        }
        if (last != bestLast) {
            return last < bestLast;
        }
        return e.agent().value().compareTo(best.agent().value()) < 0;
    }

    @Override
    public boolean accept(AgentId agent, ConversationId conversation) {
        synchronized (lock) {
            Held held = holders.get(conversation);
            if (held == null || held.accepted() || !held.agent().equals(agent)) {
                return false;
            }
            holders.put(conversation, new Held(agent, held.channel(), true));
            unschedule(TimerKeys.offer(conversation, agent));
            QueueEntry entry = entries.get(conversation);
            conversationOwner.putIfAbsent(conversation, agent);
            customerOwner.putIfAbsent(entry.ticket().customerId(), agent);
            declined.remove(conversation);
            return true;
        }
    }

    @Override
    public boolean returnOffer(AgentId agent, ConversationId conversation) {
        synchronized (lock) {
            Held held = holders.get(conversation);
            if (held == null || held.accepted() || !held.agent().equals(agent)) {
                return false;
            }
            backToQueue(conversation, held);
            declined.computeIfAbsent(conversation, c -> new HashSet<>()).add(agent);
            return true;
        }
    }

    @Override
    public void forgetOwners(CustomerId customer, java.util.Collection<ConversationId> conversations) {
        synchronized (lock) {
            customerOwner.remove(customer);
            conversations.forEach(conversationOwner::remove);
        }
    }

    @Override
    public Optional<AgentId> owner(ConversationId conversation, CustomerId customer) {
        synchronized (lock) {
            return Optional.ofNullable(conversationOwner.get(conversation))
                    .or(() -> Optional.ofNullable(customerOwner.get(customer)));
        }
    }

    @Override
    public Optional<Held> holder(ConversationId conversation) {
        synchronized (lock) {
            return Optional.ofNullable(holders.get(conversation));
        }
    }

    @Override
    public Released release(ConversationId conversation) {
        synchronized (lock) {
            QueueEntry entry = entries.remove(conversation);
            if (entry == null) {
                return new Released(Optional.empty(), queue.size());
            }
            queue.remove(new Queued(entry.rank(), conversation.value()));
            declined.remove(conversation);
            Held held = holders.remove(conversation);
            if (held != null) {
                free(held, conversation);
                unschedule(TimerKeys.offer(conversation, held.agent()));
            }
            unschedule(TimerKeys.wake(conversation));
            for (SlaKind kind : SlaKind.values()) {
                unschedule(TimerKeys.sla(kind, conversation));
            }
            return new Released(Optional.ofNullable(held), queue.size());
        }
    }

    @Override
    public boolean requeueAssigned(ConversationId conversation, QueueEntry newEntry, Instant wakeAt) {
        synchronized (lock) {
            Held held = holders.get(conversation);
            if (held == null || !held.accepted()) {
                return false;
            }
            entries.put(conversation, newEntry);
            holders.remove(conversation);
            free(held, conversation);
            queue.add(new Queued(newEntry.rank(), conversation.value()));
            declined.computeIfAbsent(conversation, c -> new HashSet<>()).add(held.agent());
            if (wakeAt != null) {
                schedule(TimerKeys.wake(conversation), wakeAt.toEpochMilli());
            }
            return true;
        }
    }

    @Override
    public PresenceChange setPresence(AgentId agent, Presence newPresence, boolean requeueAssigned) {
        synchronized (lock) {
            presence.put(agent, newPresence);
            changed(agent);
            List<ConversationId> withdrawn = new ArrayList<>();
            List<ConversationId> requeued = new ArrayList<>();
            if (newPresence == Presence.ONLINE) {
                return new PresenceChange(withdrawn, requeued);
            }
            for (ConversationId c : List.copyOf(heldBy.getOrDefault(agent, Set.of()))) {
                Held held = holders.get(c);
                if (!held.accepted()) {
                    backToQueue(c, held);
                    unschedule(TimerKeys.offer(c, agent));
                    withdrawn.add(c);
                } else if (newPresence == Presence.OFFLINE && requeueAssigned) {
                    backToQueue(c, held);
                    requeued.add(c);
                }
            }
            return new PresenceChange(withdrawn, requeued);
        }
    }

    @Override
    public List<Fired> fireDue(Instant now, int limit) {
        synchronized (lock) {
            List<Fired> fired = new ArrayList<>();
            Iterator<Timer> it = timers.iterator();
            while (it.hasNext() && fired.size() < limit) {
                Timer timer = it.next();
                if (timer.dueMillis() > now.toEpochMilli()) {
                    break;
                }
                it.remove();
                timersByKey.remove(timer.key());
                TimerKeys.Parsed parsed = TimerKeys.parse(timer.key());
                switch (parsed.type()) {
                    case TimerKeys.OFFER -> {
                        Held held = holders.get(parsed.conversation());
                        if (held != null && !held.accepted() && held.agent().equals(parsed.agent())) {
                            backToQueue(parsed.conversation(), held);
                            declined.computeIfAbsent(parsed.conversation(), c -> new HashSet<>()).add(held.agent());
                            fired.add(new Fired.OfferExpired(parsed.conversation(), held.agent()));
                        }
                    }
                    case TimerKeys.SLA -> {
                        SlaBreach breach = new SlaBreach(parsed.conversation(), parsed.kind(),
                                Instant.ofEpochMilli(timer.dueMillis()), now);
                        breaches.addFirst(breach);
                        if (breaches.size() > MAX_BREACHES) {
                            breaches.removeLast();
                        }
                        fired.add(new Fired.Breached(breach));
                    }
                    default -> fired.add(new Fired.PreferenceEnded(parsed.conversation()));
                }
            }
            return fired;
        }
    }

    @Override
    public void cancelSla(ConversationId conversation, Set<SlaKind> kinds) {
        synchronized (lock) {
            for (SlaKind kind : kinds) {
                unschedule(TimerKeys.sla(kind, conversation));
            }
        }
    }

    @Override
    public List<SlaBreach> breaches(int limit) {
        synchronized (lock) {
            return breaches.stream().limit(limit).toList();
        }
    }

    private void backToQueue(ConversationId conversation, Held held) {
        holders.remove(conversation);
        free(held, conversation);
        queue.add(new Queued(entries.get(conversation).rank(), conversation.value()));
    }

    private void free(Held held, ConversationId conversation) {
        load.get(held.agent()).merge(held.channel(), -1, Integer::sum);
        changed(held.agent());
        Set<ConversationId> held2 = heldBy.get(held.agent());
        if (held2 != null) {
            held2.remove(conversation);
        }
    }

    private void schedule(String key, long dueMillis) {
        unschedule(key);
        Timer timer = new Timer(dueMillis, key);
        timers.add(timer);
        timersByKey.put(key, timer);
    }

    private void unschedule(String key) {
        Timer old = timersByKey.remove(key);
        if (old != null) {
            timers.remove(old);
        }
    }
}
