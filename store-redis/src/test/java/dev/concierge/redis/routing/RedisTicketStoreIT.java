package dev.concierge.redis.routing;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisNamespace;
import dev.concierge.routing.contract.TicketStoreContract;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.routing.ticket.TicketStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisTicketStoreIT implements TicketStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("tickets");
    private TicketStore tickets;
    private CsatStore csat;

    @BeforeEach
    void connect() {
        RedisKeys keys = redis.keys();
        tickets = new RedisTicketStore(redis.client(), keys, new RedisJson());
        csat = new RedisCsatStore(redis.client(), keys, new RedisJson());
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
