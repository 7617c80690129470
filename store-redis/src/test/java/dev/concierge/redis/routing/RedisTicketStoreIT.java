package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import dev.concierge.routing.contract.TicketStoreContract;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.routing.ticket.TicketStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisTicketStoreIT implements TicketStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private TicketStore tickets;
    private CsatStore csat;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("tickets");
        RedisKeys keys = new RedisKeys(namespace);
        tickets = new RedisTicketStore(redis, keys, new RedisJson());
        csat = new RedisCsatStore(redis, keys, new RedisJson());
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public TicketStore tickets() {
        return tickets;
    }

    @Override
    public CsatStore csat() {
        return csat;
    }
}
