package dev.concierge.redis.routing;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.agent.AgentProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Agent profiles in one Redis hash, with a version counter bumped in the same script as every change. Routing reads
 * the listing on every assignment, so each node keeps it cached and re-reads only when the version moved (one GET).
 */
public final class RedisAgentDirectory implements AgentDirectory {
    private static final RedisScript PUT = new RedisScript("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('INCR', KEYS[2])
            """);
    private static final RedisScript REMOVE = new RedisScript("""
            local removed = redis.call('HDEL', KEYS[1], ARGV[1])
            if removed == 1 then redis.call('INCR', KEYS[2]) end
            return removed
            """);

    private record Cached(long version, List<AgentProfile> profiles) {
    }

    private final UnifiedJedis redis;
    private final RedisJson json;
    private final List<String> keys;
    private volatile Cached cache;

    public RedisAgentDirectory(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.json = RoutingJson.register(json);
        this.keys = List.of(keys.routingAgents(), keys.routingAgentsVersion());
    }

    @Override
    public void put(AgentProfile profile) {
        guard(() -> PUT.run(redis, keys, List.of(profile.id().value(), json.write(profile))));
    }

    @Override
    public Optional<AgentProfile> find(AgentId id) {
        String text = guard(() -> redis.hget(keys.get(0), id.value()));
        return Optional.ofNullable(text).map(t -> json.read(t, AgentProfile.class));
    }

    @Override
    public boolean remove(AgentId id) {
        return (Long) guard(() -> REMOVE.run(redis, keys, List.of(id.value()))) == 1L;
    }

    @Override
    public List<AgentProfile> list() {
        return freshListing().profiles();
    }

    @Override
    public Listing cachedListing() {
        Cached current = cache;
        return current == null ? freshListing() : new Listing(current.profiles(), current.version());
    }

    @Override
    public Listing freshListing() {
        String text = guard(() -> redis.get(keys.get(1)));
        long version = text == null ? 0L : Long.parseLong(text);
        Cached current = cache;
        if (current != null && current.version() == version) {
            return new Listing(current.profiles(), version);
        }
        Map<String, String> all = guard(() -> redis.hgetAll(keys.get(0)));
        List<AgentProfile> profiles = new ArrayList<>(all.size());
        for (String json : all.values()) {
            profiles.add(this.json.read(json, AgentProfile.class));
        }
        profiles.sort(Comparator.comparing(p -> p.id().value()));
        // tagged with the version read before the listing: a concurrent change only causes one more reload, and a
        // claim made with it is refused by the state (version mismatch) rather than made on stale profiles
        Cached loaded = new Cached(version, List.copyOf(profiles));
        cache = loaded;
        return new Listing(loaded.profiles(), version);
    }
}
