package dev.concierge.routing;

import dev.concierge.core.Ids;

public record AgentId(String value) {
    public AgentId {
        Ids.requireSafe(value, "agent id");
    }

    @Override
    public String toString() {
        return value;
    }
}
