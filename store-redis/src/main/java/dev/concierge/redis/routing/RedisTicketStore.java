package dev.concierge.redis.routing;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ticket.Ticket;
import dev.concierge.routing.ticket.TicketId;
import dev.concierge.routing.ticket.TicketStatus;
import dev.concierge.routing.ticket.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Tickets as JSON in a hash, indexed by conversation and (while open) by due date. Updates are compare-and-set
 * scripts: the new JSON is written only if the stored one is still the one the change was computed from.
 */
public final class RedisTicketStore implements TicketStore {
    private static final RedisScript CREATE = new RedisScript("""
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            return 1
            """);
    private static final RedisScript REPLACE = new RedisScript("""
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            if ARGV[4] == '1' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
            else redis.call('ZREM', KEYS[3], ARGV[1]) end
            return 1
            """);

    private final UnifiedJedis redis;
    private final RedisJson json;
    private final List<String> keys;

    public RedisTicketStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.json = RoutingJson.register(json);
        this.keys = List.of(keys.tickets(), keys.ticketsByConversation(), keys.openTicketsByDue());
    }

    @Override
    public void create(Ticket ticket) {
        long created = (Long) guard(() -> CREATE.run(redis, keys, List.of(ticket.id().value(), json.write(ticket),
                ticket.conversationId().value(), Long.toString(ticket.dueAt().toEpochMilli()))));
        if (created == 0) {
            throw new IllegalStateException("ticket exists: " + ticket.id());
        }
    }

    @Override
    public Optional<Ticket> find(TicketId id) {
        return Optional.ofNullable(guard(() -> redis.hget(keys.get(0), id.value())))
                .map(t -> json.read(t, Ticket.class));
    }

    @Override
    public Optional<Ticket> findByConversation(ConversationId conversation) {
        return Optional.ofNullable(guard(() -> redis.hget(keys.get(1), conversation.value())))
                .flatMap(id -> find(new TicketId(id)));
    }

    @Override
    public Ticket update(TicketId id, TicketStatus status, AgentId newOwner, String note, Instant at) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String old = guard(() -> redis.hget(keys.get(0), id.value()));
            if (old == null) {
                throw new NoSuchElementException("no ticket " + id);
            }
            Ticket updated = json.read(old, Ticket.class).moved(status, newOwner, note, at);
            long done = (Long) guard(() -> REPLACE.run(redis, keys, List.of(id.value(), old, json.write(updated),
                    status.isOpen() ? "1" : "0", Long.toString(updated.dueAt().toEpochMilli()))));
            if (done == 1) {
                return updated;
            }
        }
        throw new IllegalStateException("ticket " + id + " keeps changing under us; try again");
    }

    @Override
    public List<Ticket> open() {
        List<String> ids = guard(() -> redis.zrange(keys.get(2), 0, -1));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> texts = guard(() -> redis.hmget(keys.get(0), ids.toArray(String[]::new)));
        List<Ticket> tickets = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text != null) {
                tickets.add(json.read(text, Ticket.class));
            }
        }
        return tickets;
    }
}
