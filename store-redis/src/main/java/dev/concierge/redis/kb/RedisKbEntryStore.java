package dev.concierge.redis.kb;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.kb.admin.KbEntryStore;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.io.KbJsonCodec;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Curated knowledge-base entries in Redis, shared by every node: one hash of entry id → entry JSON (the knowledge-base
 * file's entry format), and a marker that a set was stored. Single-entry edits touch only their field, so two nodes
 * editing different entries at once both keep their edit; the first edit's whole set and an import replace the hash
 * in one script.
 */
public final class RedisKbEntryStore implements KbEntryStore {
    /** KEYS[1] entries hash, KEYS[2] marker; ARGV id, json, id, json…: stores the set unless one is stored. */
    private static final RedisScript INITIALISE = new RedisScript("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            redis.call('DEL', KEYS[1])
            for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('SET', KEYS[2], '1')
            return 1
            """);
    /** KEYS[1] entries hash, KEYS[2] marker; ARGV id, json, id, json…: the whole set, replaced. */
    private static final RedisScript REPLACE = new RedisScript("""
            redis.call('DEL', KEYS[1])
            for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('SET', KEYS[2], '1')
            return 1
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final KbJsonCodec json = new KbJsonCodec();

    public RedisKbEntryStore(UnifiedJedis redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Optional<List<FaqEntry>> load() {
        if (!guard(() -> redis.exists(keys.kbStored()))) {
            return Optional.empty();
        }
        Map<String, String> stored = guard(() -> redis.hgetAll(keys.kbEntries()));
        List<FaqEntry> entries = new ArrayList<>(stored.size());
        for (String entry : stored.values()) {
            entries.add(json.readEntry(entry, clock.instant()));
        }
        entries.sort(Comparator.comparing(FaqEntry::id));
        return Optional.of(entries);
    }

    @Override
    public void initialise(Collection<FaqEntry> current) {
        guard(() -> INITIALISE.run(redis, List.of(keys.kbEntries(), keys.kbStored()), fields(current)));
    }

    @Override
    public boolean create(FaqEntry entry) {
        return guard(() -> redis.hsetnx(keys.kbEntries(), entry.id(), json.writeEntry(entry))) == 1L;
    }

    @Override
    public void put(FaqEntry entry) {
        guard(() -> redis.hset(keys.kbEntries(), entry.id(), json.writeEntry(entry)));
    }

    @Override
    public boolean remove(String id) {
        return guard(() -> redis.hdel(keys.kbEntries(), id)) > 0;
    }

    @Override
    public void replaceAll(Collection<FaqEntry> entries) {
        guard(() -> REPLACE.run(redis, List.of(keys.kbEntries(), keys.kbStored()), fields(entries)));
    }

    private List<String> fields(Collection<FaqEntry> entries) {
        List<String> args = new ArrayList<>(entries.size() * 2);
        for (FaqEntry e : entries) {
            args.add(e.id());
            args.add(json.writeEntry(e));
        }
        return args;
    }
}
