package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.routing.sla.SlaTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Routing's shared state: the queue, offers, assignments, capacity counters, owners and timers. Every method is
 * atomic on its own (a lock in memory, a Lua script in Redis), so several routers, on several nodes, may share one
 * state: a conversation is offered at most once at a time and an agent's load never exceeds the capacity passed to
 * {@link #claimBest}. The router above it applies the static filters (target, team, channel, language, skills); the
 * state applies the live ones (presence, spare capacity) and the selector in the same atomic step as the claim.
 *
 * <p>All implementations pass {@code RoutingStateContract} and the router contract suite.
 */
public interface RoutingState {

    /**
     * Queues the entry and starts its SLA timers, unless routing already has the conversation; then, in the same
     * atomic step and only if the conversation and its customer have no first-contact owner, claims it for the best
     * of the eligible agents as {@link #claimBest} does.
     */
    EnqueueOutcome enqueue(QueueEntry entry, List<SlaTimer> slaTimers, ClaimRequest claim);

    /**
     * Replaces the entry of a conversation that is still waiting (keeping its place) and, if {@code wakeAt} is
     * given, schedules a wake-up at that time. False if it is no longer waiting.
     */
    boolean updateWaiting(QueueEntry entry, Instant wakeAt);

    /** Waiting conversations in queue order, from {@code offset}. */
    List<Waiting> waiting(int offset, int limit);

    /**
     * The first {@code limit} waiting conversations and, if any wait, the live state of at least the online agents.
     * A store that can read both in one round trip (Redis) overrides this; the default calls {@link #waiting} and
     * {@link #agents}.
     */
    default DrainView drainView(int limit) {
        List<Waiting> page = waiting(0, limit);
        return new DrainView(page, page.isEmpty() ? Map.of() : agents());
    }

    /** 0-based place in the queue, if waiting. */
    OptionalLong position(ConversationId conversation);

    long waitingCount();

    /**
     * The conversation's place in the queue and the number of online agents, if it is waiting. A store that can
     * answer both in one round trip (Redis) overrides this; the default combines {@link #position} and
     * {@link #agents}.
     */
    default Optional<QueuePlace> queuePlace(ConversationId conversation) {
        OptionalLong position = position(conversation);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        long online = agents().values().stream().filter(a -> a.presence() == Presence.ONLINE).count();
        return Optional.of(new QueuePlace(position.getAsLong(), online));
    }

    /** The entry of a conversation routing holds (waiting, offered or assigned). */
    Optional<QueueEntry> entry(ConversationId conversation);

    /** Live state of every agent that ever had one; agents missing here are offline and idle. */
    Map<AgentId, AgentState> agents();

    /**
     * Atomically: if the conversation is still waiting, pick among the eligible agents those online with fewer than
     * their capacity on its channel, and the best of them (not declined before, then fewest open conversations, then
     * the longest since their last offer, then id); remove the conversation from the queue, count it against that
     * agent, record the offer and its expiry timer. Agents' loads therefore never exceed the capacity passed here.
     */
    ClaimOutcome claimBest(ConversationId conversation, ClaimRequest request);

    /**
     * The agent's open offer becomes an assignment; the agent becomes the first-contact owner of the conversation
     * and customer unless they already have one. False if the agent holds no open offer for it.
     */
    boolean accept(AgentId agent, ConversationId conversation);

    /** The agent's open offer goes back to the queue in its old place; the agent is remembered as having declined. */
    boolean returnOffer(AgentId agent, ConversationId conversation);

    /** The first-contact owner of the conversation, else of the customer, if any. */
    Optional<AgentId> owner(ConversationId conversation, dev.concierge.core.customer.CustomerId customer);

    /** Forgets the customer's first-contact owner and their conversations' owners (the customer's erasure). */
    void forgetOwners(dev.concierge.core.customer.CustomerId customer, java.util.Collection<ConversationId> conversations);

    /** Who holds the conversation, if anyone. */
    Optional<Held> holder(ConversationId conversation);

    /** Forgets the conversation: out of the queue, offer withdrawn or assignment ended, timers cancelled. */
    Released release(ConversationId conversation);

    /**
     * An assigned conversation goes back to the queue with a new entry (transfer, escalation): frees the slot; the
     * agent who held it is remembered as having declined it (so it goes to someone else when possible).
     */
    boolean requeueAssigned(ConversationId conversation, QueueEntry newEntry, Instant wakeAt);

    /**
     * Sets presence. Leaving (away or offline) sends open offers back to the queue; going offline with
     * {@code requeueAssigned} sends assignments back too.
     */
    PresenceChange setPresence(AgentId agent, Presence presence, boolean requeueAssigned);

    /** Claims and fires every timer due at {@code now} (at most {@code limit}); each timer fires on one node only. */
    List<Fired> fireDue(Instant now, int limit);

    /** Stops the conversation's SLA timers of these kinds. */
    void cancelSla(ConversationId conversation, Set<SlaKind> kinds);

    /** Recorded breaches, newest first. */
    List<SlaBreach> breaches(int limit);
}
