package dev.concierge.redis.customer;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.Ids;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.customer.IdentityConflictException;
import dev.concierge.core.customer.IdentityType;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import redis.clients.jedis.UnifiedJedis;

/**
 * Customers as JSON strings plus one hash indexing every identity to its customer id. Creation and linking run
 * as Lua scripts so the index and the customer never disagree, even with several nodes racing.
 */
public final class RedisCustomerStore implements CustomerStore {
    private static final int MAX_ATTEMPTS = 100;

    /** KEYS: index, candidate customer; ARGV: identity field, candidate id, json. Returns the owning id. */
    private static final RedisScript FIND_OR_CREATE = new RedisScript("""
            local existing = redis.call('HGET', KEYS[1], ARGV[1])
            if existing then return existing end
            if redis.call('EXISTS', KEYS[2]) == 1 then return false end
            redis.call('SET', KEYS[2], ARGV[3])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return ARGV[2]
            """);

    /** KEYS: index, customer; ARGV: field, id, expected json, new json. */
    private static final RedisScript LINK = new RedisScript("""
            local owner = redis.call('HGET', KEYS[1], ARGV[1])
            if owner and owner ~= ARGV[2] then return 'conflict:' .. owner end
            local current = redis.call('GET', KEYS[2])
            if not current then return 'missing' end
            if current ~= ARGV[3] then return 'retry' end
            redis.call('SET', KEYS[2], ARGV[4])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 'ok'
            """);

    /** KEYS: customer; ARGV: expected json, new json. */
    private static final RedisScript COMPARE_AND_SET = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            if not current then return 'missing' end
            if current ~= ARGV[1] then return 'retry' end
            redis.call('SET', KEYS[1], ARGV[2])
            return 'ok'
            """);

    /** KEYS: customer, index; ARGV: identity fields. */
    private static final RedisScript DELETE = new RedisScript("""
            local existed = redis.call('DEL', KEYS[1])
            for i = 1, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end
            return existed
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;

    public RedisCustomerStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        String stored = guard(() -> redis.get(keys.customer(id)));
        return Optional.ofNullable(stored).map(s -> json.read(s, Customer.class));
    }

    @Override
    public Optional<Customer> findByIdentity(Identity identity) {
        String id = guard(() -> redis.hget(keys.identityIndex(), RedisKeys.identityField(identity)));
        return id == null ? Optional.empty() : find(new CustomerId(id));
    }

    @Override
    public Customer findOrCreate(Identity identity, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CustomerId candidate = attempt == 0 && identity.type() == IdentityType.APP_USER
                    && Ids.isSafe(identity.value()) ? new CustomerId(identity.value()) : CustomerId.random();
            Customer fresh = Customer.newCustomer(candidate, identity, now);
            Object owner = guard(() -> FIND_OR_CREATE.run(redis,
                    List.of(keys.identityIndex(), keys.customer(candidate)),
                    List.of(RedisKeys.identityField(identity), candidate.value(), json.write(fresh))));
            if (owner != null) {
                CustomerId id = new CustomerId((String) owner);
                if (id.equals(candidate)) {
                    return fresh;
                }
                Optional<Customer> existing = find(id);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
        }
        throw new ConcurrentModificationException("could not create a customer for " + identity.type());
    }

    @Override
    public Customer link(CustomerId id, Identity identity) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String current = guard(() -> redis.get(keys.customer(id)));
            if (current == null) {
                throw new NoSuchElementException("no customer " + id);
            }
            Customer linked = json.read(current, Customer.class).withIdentity(identity);
            String outcome = (String) guard(() -> LINK.run(redis, List.of(keys.identityIndex(), keys.customer(id)),
                    List.of(RedisKeys.identityField(identity), id.value(), current, json.write(linked))));
            if (outcome.equals("ok")) {
                return linked;
            }
            if (outcome.startsWith("conflict:")) {
                throw new IdentityConflictException(identity, new CustomerId(outcome.substring("conflict:".length())));
            }
            if (outcome.equals("missing")) {
                throw new NoSuchElementException("no customer " + id);
            }
        }
        throw new ConcurrentModificationException("customer " + id + " changed too often to link");
    }

    @Override
    public Customer update(CustomerId id, UnaryOperator<Customer> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String current = guard(() -> redis.get(keys.customer(id)));
            if (current == null) {
                throw new NoSuchElementException("no customer " + id);
            }
            Customer before = json.read(current, Customer.class);
            Customer next = change.apply(before);
            if (!next.id().equals(id) || !next.identities().equals(before.identities())) {
                throw new IllegalArgumentException("update must not change the id or the identities");
            }
            String outcome = (String) guard(() -> COMPARE_AND_SET.run(redis, List.of(keys.customer(id)),
                    List.of(current, json.write(next))));
            if (outcome.equals("ok")) {
                return next;
            }
            if (outcome.equals("missing")) {
                throw new NoSuchElementException("no customer " + id);
            }
        }
        throw new ConcurrentModificationException("customer " + id + " changed too often to update");
    }

    @Override
    public boolean delete(CustomerId id) {
        Optional<Customer> existing = find(id);
        if (existing.isEmpty()) {
            return false;
        }
        List<String> fields = new ArrayList<>();
        existing.get().identities().forEach(i -> fields.add(RedisKeys.identityField(i)));
        long outcome = (Long) guard(() -> DELETE.run(redis, List.of(keys.customer(id), keys.identityIndex()), fields));
        return outcome == 1L;
    }
}
