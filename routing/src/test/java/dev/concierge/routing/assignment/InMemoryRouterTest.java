package dev.concierge.routing.assignment;

import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.contract.RouterContract;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryTicketStore;

class InMemoryRouterTest implements RouterContract {
    @Override
    public RoutingStores stores() {
        return new RoutingStores(new InMemoryRoutingState(), new InMemoryAgentDirectory(), new InMemoryTicketStore());
    }
}
