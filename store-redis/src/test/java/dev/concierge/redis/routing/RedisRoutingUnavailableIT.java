package dev.concierge.redis.routing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.redis.RedisConnections;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Presence;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.contract.RecordingEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** No Redis, no silent fallback: routing fails with the store-level exception the server maps to 503. */
class RedisRoutingUnavailableIT {

    @Test
    void aRouterWithoutRedisFailsLoudly() {
        try (UnifiedJedis nowhere = RedisConnections.open("redis://127.0.0.1:1", 2, Duration.ofMillis(200))) {
            Router router = new QueueingRouter(RedisRouting.stores(nowhere, new RedisKeys("down"), new RedisJson()),
                    RoutingSettings.defaults(), new RecordingEvents(), Clock.systemUTC());
            assertThatThrownBy(() -> router.setPresence(new AgentId("a1"), Presence.ONLINE))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> router.enqueue(new HandoffTicket(new ConversationId("c1"),
                    new CustomerId("u1"), Channel.SMS, "zh", Set.of(), 0, "", Instant.now())))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }
}
