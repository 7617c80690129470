package dev.concierge.routing.assignment;

import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.contract.RouterRaceContract;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryTicketStore;

/** The race in one JVM: two routers over one in-memory state. */
class InMemoryRouterRaceTest implements RouterRaceContract {
    @Override
    public RoutingStores[] twoNodes() {
        RoutingStores shared = new RoutingStores(new InMemoryRoutingState(), new InMemoryAgentDirectory(),
                new InMemoryTicketStore());
        return new RoutingStores[] {shared, shared};
    }
}
