package dev.concierge.redis.dialogue;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.curation.UnansweredQuestion;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** The unanswered-question log as one capped Redis list (newest first); push and trim in one Lua script. */
public final class RedisUnansweredLog implements UnansweredLog {
    private static final RedisScript PUSH = new RedisScript("""
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            return 1
            """);

    /** KEYS: the list; ARGV: conversation ids. Removes every entry of those conversations; → how many. */
    private static final RedisScript FORGET = new RedisScript("""
            local gone = {}
            for _, id in ipairs(ARGV) do gone[id] = true end
            local n = 0
            for _, item in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
              local ok, q = pcall(cjson.decode, item)
              if ok and type(q) == 'table' and gone[q.conversationId] then
                n = n + redis.call('LREM', KEYS[1], 0, item)
              end
            end
            return n
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;
    private final int capacity;

    /** @param capacity how many questions are kept (the oldest are dropped), e.g. 10000 */
    public RedisUnansweredLog(UnifiedJedis redis, RedisKeys keys, RedisJson json, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.capacity = capacity;
    }

    @Override
    public void record(UnansweredQuestion question) {
        guard(() -> PUSH.run(redis, List.of(keys.unansweredQuestions()),
                List.of(json.write(question), Integer.toString(capacity))));
    }

    @Override
    public List<UnansweredQuestion> recent(int limit) {
        if (limit < 1) {
            return List.of();
        }
        List<String> stored = guard(() -> redis.lrange(keys.unansweredQuestions(), 0, limit - 1));
        return stored.stream().map(s -> json.read(s, UnansweredQuestion.class)).toList();
    }

    @Override
    public int forget(java.util.Set<String> conversationIds) {
        if (conversationIds.isEmpty()) {
            return 0;
        }
        Object removed = guard(() -> FORGET.run(redis, List.of(keys.unansweredQuestions()),
                List.copyOf(conversationIds)));
        return ((Number) removed).intValue();
    }

    @Override
    public void clear() {
        guard(() -> redis.del(keys.unansweredQuestions()));
    }
}
