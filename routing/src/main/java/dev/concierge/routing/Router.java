package dev.concierge.routing;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The routing seam the server talks to: conversations in, offers and assignments out (through
 * {@link RoutingEvents}). Thread-safe; calls may block on the store, so call from worker threads.
 */
public interface Router {

    /** Queues a handed-off conversation and assigns at once if an eligible agent has room. */
    QueueStatus enqueue(HandoffTicket ticket);

    /** The conversation's place in the queue, if it is waiting. */
    Optional<QueueStatus> queueStatus(ConversationId conversation);

    /** Presence changes drain the queue (online) or re-queue unanswered offers (offline). */
    void setPresence(AgentId agent, Presence presence);

    /**
     * The agent takes the offered conversation.
     *
     * @throws OfferNotFoundException if the agent holds no open offer for it
     */
    void accept(AgentId agent, ConversationId conversation);

    /** The agent refuses the offer; it goes to the next eligible agent. */
    void decline(AgentId agent, ConversationId conversation);

    /** The conversation is finished (closed) or withdrawn: frees the agent's capacity and drains the queue. */
    default void release(ConversationId conversation) {
        release(conversation, "released");
    }

    /**
     * {@link #release(ConversationId)}, and an agent who was only offered the conversation is told why it was
     * withdrawn ({@code reason}, e.g. "customer_erased").
     */
    void release(ConversationId conversation, String reason);

    /** Fires whatever timers are due by the injected clock (offer timeouts, SLA). Idempotent. */
    void tick();

    // Added after the first seam; defaults keep existing test doubles compiling.

    /** Erasure: routing forgets who first served the customer and these conversations (release each first). */
    default void forgetCustomer(dev.concierge.core.customer.CustomerId customer, List<ConversationId> conversations) {
        throw new UnsupportedOperationException("forgetCustomer");
    }

    /** The presence of every agent routing has seen; agents missing here are offline. */
    default java.util.Map<AgentId, Presence> presences() {
        throw new UnsupportedOperationException("presences");
    }

    /** Who holds the conversation now (offered or assigned), if anyone. */
    default Optional<AgentId> holder(ConversationId conversation) {
        throw new UnsupportedOperationException("holder");
    }

    /** The agent sent the first human reply: stops the first-response SLA timers. */
    default void firstResponse(ConversationId conversation) {
        throw new UnsupportedOperationException("firstResponse");
    }

    /**
     * Hands an assigned conversation to a named agent, with a note for them. If that agent cannot take it within the
     * transfer fallback time, anyone eligible may.
     *
     * @throws IllegalStateException if the conversation is not assigned
     */
    default void transferToAgent(ConversationId conversation, AgentId target, String note) {
        throw new UnsupportedOperationException("transferToAgent");
    }

    /** Hands an assigned conversation to a team: only its members may take it. */
    default void transferToTeam(ConversationId conversation, String team, String note) {
        throw new UnsupportedOperationException("transferToTeam");
    }

    /**
     * An assigned conversation goes back to the queue for anyone eligible (its agent signed out), with a note for
     * the next agent.
     */
    default void handBack(ConversationId conversation, String note) {
        throw new UnsupportedOperationException("handBack");
    }

    /** Whether any agent in the directory belongs to {@code team}: a transfer to a team nobody is in would wait for ever. */
    default boolean teamExists(String team) {
        return true;
    }

    /** Hands an assigned conversation to the supervisors (only they may take it) and raises an escalation event. */
    default void escalate(ConversationId conversation, String note) {
        throw new UnsupportedOperationException("escalate");
    }

    /**
     * Closes the conversation: like {@link #release}, and when {@code resolved} is false it becomes a follow-up
     * ticket owned by its first-contact owner, due by the complaint deadline (or the default).
     */
    default Optional<Ticket> close(ConversationId conversation, boolean resolved, String note) {
        throw new UnsupportedOperationException("close");
    }

    /**
     * Outside business hours, the time a human reply is promised for a message arriving now on this channel (for the
     * automatic acknowledgement); empty during business hours.
     */
    default Optional<Instant> promisedReplyTime(Channel channel) {
        throw new UnsupportedOperationException("promisedReplyTime");
    }

    /** SLA breaches, newest first, for the supervisor view. */
    default List<SlaBreach> breaches(int limit) {
        throw new UnsupportedOperationException("breaches");
    }
}
