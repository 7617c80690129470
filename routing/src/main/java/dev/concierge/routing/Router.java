package dev.concierge.routing;

import dev.concierge.core.conversation.ConversationId;
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
    void release(ConversationId conversation);

    /** Fires whatever timers are due by the injected clock (offer timeouts, SLA). Idempotent. */
    void tick();
}
