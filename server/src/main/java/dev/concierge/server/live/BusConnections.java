package dev.concierge.server.live;

import dev.concierge.core.bus.MessageBus;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;

/**
 * Live frames when several nodes share a Redis: every frame is published on the bus and each node hands it to
 * the sockets it holds, so a shopper on node A and an agent on node B see each other at once. Frames are
 * at-most-once; the transcript in the store is what a reconnecting client reads.
 */
public final class BusConnections implements LiveConnections, AutoCloseable {
    static final String TOPIC = "live";

    private final LocalConnections local;
    private final MessageBus bus;
    private final MessageBus.Subscription subscription;

    public BusConnections(LocalConnections local, MessageBus bus) {
        this.local = local;
        this.bus = bus;
        this.subscription = bus.subscribe(TOPIC, this::deliverLocally);
    }

    @Override
    public void toShopper(CustomerId customer, Frame frame) {
        bus.publish(TOPIC, "s|" + customer.value() + "|" + local.encode(frame));
    }

    @Override
    public void toAgent(AgentId agent, Frame frame) {
        bus.publish(TOPIC, "a|" + agent.value() + "|" + local.encode(frame));
    }

    @Override
    public void toSupervisors(Frame frame) {
        bus.publish(TOPIC, "v||" + local.encode(frame));
    }

    /** Only this node's sockets: whether the agent is connected anywhere else is not known here. */
    @Override
    public boolean isAgentConnected(AgentId agent) {
        return local.isAgentConnected(agent);
    }

    private void deliverLocally(String envelope) {
        int first = envelope.indexOf('|');
        int second = envelope.indexOf('|', first + 1);
        if (first != 1 || second < 0) {
            return;
        }
        String id = envelope.substring(first + 1, second);
        String json = envelope.substring(second + 1);
        switch (envelope.charAt(0)) {
            case 's' -> local.sendRawToShopper(new CustomerId(id), json);
            case 'a' -> local.sendRawToAgent(new AgentId(id), json);
            case 'v' -> local.sendRawToSupervisors(json);
            default -> { }
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
