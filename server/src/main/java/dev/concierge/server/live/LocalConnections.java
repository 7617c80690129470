package dev.concierge.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sockets connected to this node. Each socket registers a sink that writes one text frame (Vert.x socket
 * writes are thread-safe); this class only keeps the index.
 */
public final class LocalConnections implements LiveConnections {
    private final ObjectMapper json;
    /** Each shopper's sockets: the sink that writes a frame, and how the socket is ended (last frame, then closed). */
    private final Map<CustomerId, Map<Consumer<String>, Consumer<String>>> shoppers = new ConcurrentHashMap<>();
    private final Map<AgentId, Set<Consumer<String>>> agents = new ConcurrentHashMap<>();
    private final Set<Consumer<String>> supervisors = ConcurrentHashMap.newKeySet();

    public LocalConnections(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param sink  writes one text frame to the socket
     * @param ender writes its last text frame to the socket and closes it ({@link #endShopper})
     */
    public Runnable registerShopper(CustomerId customer, Consumer<String> sink, Consumer<String> ender) {
        shoppers.computeIfAbsent(customer, k -> new ConcurrentHashMap<>()).put(sink, ender);
        return () -> shoppers.computeIfPresent(customer, (k, sockets) -> {
            sockets.remove(sink);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    public Runnable registerAgent(AgentId agent, Consumer<String> sink, boolean supervisor) {
        agents.computeIfAbsent(agent, k -> ConcurrentHashMap.newKeySet()).add(sink);
        if (supervisor) {
            supervisors.add(sink);
        }
        return () -> {
            supervisors.remove(sink);
            agents.computeIfPresent(agent, (k, set) -> {
                set.remove(sink);
                return set.isEmpty() ? null : set;
            });
        };
    }

    public int shopperSockets() {
        return shoppers.values().stream().mapToInt(Map::size).sum();
    }

    public int agentSockets() {
        return agents.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void toShopper(CustomerId customer, Frame frame) {
        send(sinksOf(customer), frame);
    }

    @Override
    public void endShopper(CustomerId customer, Frame frame) {
        endRawShopper(customer, encode(frame));
    }

    @Override
    public void toAgent(AgentId agent, Frame frame) {
        send(agents.get(agent), frame);
    }

    @Override
    public void toSupervisors(Frame frame) {
        send(supervisors, frame);
    }

    @Override
    public boolean isAgentConnected(AgentId agent) {
        Set<Consumer<String>> sinks = agents.get(agent);
        return sinks != null && !sinks.isEmpty();
    }

    public String encode(Frame frame) {
        try {
            return json.writeValueAsString(frame.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode frame " + frame.type(), e);
        }
    }

    void sendRawToShopper(CustomerId customer, String json) {
        sendRaw(sinksOf(customer), json);
    }

    void endRawShopper(CustomerId customer, String json) {
        Map<Consumer<String>, Consumer<String>> sockets = shoppers.remove(customer);
        if (sockets != null) {
            sockets.values().forEach(ender -> ender.accept(json));
        }
    }

    private Set<Consumer<String>> sinksOf(CustomerId customer) {
        Map<Consumer<String>, Consumer<String>> sockets = shoppers.get(customer);
        return sockets == null ? null : sockets.keySet();
    }

    void sendRawToAgent(AgentId agent, String json) {
        sendRaw(agents.get(agent), json);
    }

    void sendRawToSupervisors(String json) {
        sendRaw(supervisors, json);
    }

    private void send(Set<Consumer<String>> sinks, Frame frame) {
        if (sinks == null || sinks.isEmpty()) {
            return;
        }
        sendRaw(sinks, encode(frame));
    }

    private static void sendRaw(Set<Consumer<String>> sinks, String text) {
        if (sinks == null) {
            return;
        }
        for (Consumer<String> sink : sinks) {
            sink.accept(text);
        }
    }

    /** Agents with a socket on this node (for handing their work back on shutdown). */
    public Set<AgentId> connectedAgents() {
        return Set.copyOf(agents.keySet());
    }
}
