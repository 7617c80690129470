package dev.concierge.server.live;

import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.bus.MessageBus;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live frames when several nodes share a Redis: each frame goes at once to the sockets this node holds, and is
 * published on the bus for the other nodes, which hand it to theirs (a node skips what it published itself). So a
 * shopper on node A and an agent on node B see each other at once, and a frame for a socket on this node neither
 * waits for Redis nor is lost while Redis restarts. Frames are at-most-once; the transcript in the store is what a
 * reconnecting client reads.
 */
public final class BusConnections implements LiveConnections, AutoCloseable {
    static final String TOPIC = "live";
    private static final Logger LOG = LoggerFactory.getLogger(BusConnections.class);

    private final LocalConnections local;
    private final MessageBus bus;
    private final MessageBus.Subscription subscription;
    /** This node's mark on what it publishes. */
    private final String node = UUID.randomUUID().toString().substring(0, 12);

    public BusConnections(LocalConnections local, MessageBus bus) {
        this.local = local;
        this.bus = bus;
        this.subscription = bus.subscribe(TOPIC, this::deliverLocally);
    }

    @Override
    public void toShopper(CustomerId customer, Frame frame) {
        String json = local.encode(frame);
        local.sendRawToShopper(customer, json);
        publish('s', customer.value(), json);
    }

    @Override
    public void endShopper(CustomerId customer, Frame frame) {
        String json = local.encode(frame);
        local.endRawShopper(customer, json);
        publish('e', customer.value(), json);
    }

    @Override
    public void toAgent(AgentId agent, Frame frame) {
        String json = local.encode(frame);
        local.sendRawToAgent(agent, json);
        publish('a', agent.value(), json);
    }

    @Override
    public void toSupervisors(Frame frame) {
        String json = local.encode(frame);
        local.sendRawToSupervisors(json);
        publish('v', "", json);
    }

    /** Only this node's sockets: whether the agent is connected anywhere else is not known here. */
    @Override
    public boolean isAgentConnected(AgentId agent) {
        return local.isAgentConnected(agent);
    }

    private void publish(char kind, String id, String json) {
        try {
            bus.publish(TOPIC, kind + "|" + node + "|" + id + "|" + json);
        } catch (StoreUnavailableException e) {
            // At-most-once: sockets on other nodes miss this frame; their clients read the transcript on resume.
            LOG.warn("live frame not published to the other nodes: {}", e.getMessage());
        }
    }

    private void deliverLocally(String envelope) {
        int first = envelope.indexOf('|');
        int second = envelope.indexOf('|', first + 1);
        int third = second < 0 ? -1 : envelope.indexOf('|', second + 1);
        if (first != 1 || third < 0 || envelope.substring(first + 1, second).equals(node)) {
            return; // malformed, or published by this node (already delivered here)
        }
        String id = envelope.substring(second + 1, third);
        String json = envelope.substring(third + 1);
        switch (envelope.charAt(0)) {
            case 's' -> local.sendRawToShopper(new CustomerId(id), json);
            case 'e' -> local.endRawShopper(new CustomerId(id), json);
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
