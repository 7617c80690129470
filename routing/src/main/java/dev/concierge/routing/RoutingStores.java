package dev.concierge.routing;

import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.state.RoutingState;
import dev.concierge.routing.ticket.TicketStore;
import java.util.Objects;

/** The stores a router works on: all in memory, or all in Redis. */
public record RoutingStores(RoutingState state, AgentDirectory agents, TicketStore tickets) {
    public RoutingStores {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(tickets, "tickets");
    }
}
