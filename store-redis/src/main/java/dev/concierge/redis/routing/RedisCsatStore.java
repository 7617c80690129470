package dev.concierge.redis.routing;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import dev.concierge.routing.ticket.CsatRating;
import dev.concierge.routing.ticket.CsatStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/** CSAT answers by conversation, plus a recency index; both written by one script. */
public final class RedisCsatStore implements CsatStore {
    private static final RedisScript RECORD = new RedisScript("""
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            return 1
            """);

    private static final RedisScript FORGET = new RedisScript("""
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            return 1
            """);

    private final UnifiedJedis redis;
    private final RedisJson json;
    private final List<String> keys;

    public RedisCsatStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.json = RoutingJson.register(json);
        this.keys = List.of(keys.csatRatings(), keys.csatRecent());
    }

    @Override
    public void record(CsatRating rating) {
        guard(() -> RECORD.run(redis, keys, List.of(rating.conversationId().value(), json.write(rating),
                Long.toString(rating.at().toEpochMilli()))));
    }

    @Override
    public void forget(ConversationId conversation) {
        guard(() -> FORGET.run(redis, keys, List.of(conversation.value())));
    }

    @Override
    public Optional<CsatRating> find(ConversationId conversation) {
        return Optional.ofNullable(guard(() -> redis.hget(keys.get(0), conversation.value())))
                .map(t -> json.read(t, CsatRating.class));
    }

    @Override
    public List<CsatRating> recent(int limit) {
        List<String> ids = guard(() -> redis.zrange(keys.get(1), ZRangeParams.zrangeParams(0, limit - 1).rev()));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<CsatRating> result = new ArrayList<>(ids.size());
        for (String text : guard(() -> redis.hmget(keys.get(0), ids.toArray(String[]::new)))) {
            if (text != null) {
                result.add(json.read(text, CsatRating.class));
            }
        }
        return result;
    }
}
