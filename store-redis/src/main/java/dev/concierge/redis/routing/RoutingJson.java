package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ticket.TicketId;

/** Teaches the shared JSON mapper routing's typed ids. */
final class RoutingJson {
    private RoutingJson() {
    }

    static RedisJson register(RedisJson json) {
        return json.withId(AgentId.class, AgentId::value, AgentId::new)
                .withId(TicketId.class, TicketId::value, TicketId::new);
    }
}
