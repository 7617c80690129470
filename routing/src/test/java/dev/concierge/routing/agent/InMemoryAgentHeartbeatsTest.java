package dev.concierge.routing.agent;

import dev.concierge.routing.contract.AgentHeartbeatsContract;

class InMemoryAgentHeartbeatsTest implements AgentHeartbeatsContract {
    private final AgentHeartbeats beats = new InMemoryAgentHeartbeats();

    @Override
    public AgentHeartbeats heartbeats() {
        return beats;
    }
}
