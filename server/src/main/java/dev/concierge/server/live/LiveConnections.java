package dev.concierge.server.live;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;

/**
 * Pushes frames to whoever is connected right now: every open socket of a shopper (several tabs), every open
 * socket of an agent. Frames for someone who is not connected are dropped here; the transcript in the store is
 * what a reconnecting client reads. Thread-safe, non-blocking.
 */
public interface LiveConnections {

    void toShopper(CustomerId customer, Frame frame);

    /**
     * Ends the shopper's session on every socket they have open, on every node: {@code frame} is their last frame,
     * then the socket closes with 1008 (policy: the session is over, e.g. the customer was erased).
     */
    void endShopper(CustomerId customer, Frame frame);

    void toAgent(AgentId agent, Frame frame);

    /** Frames for supervisors' dashboards (queue changes, escalations). */
    void toSupervisors(Frame frame);

    boolean isAgentConnected(AgentId agent);
}
