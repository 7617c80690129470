package dev.concierge.redis.message;

import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.PendingAnswers;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/** {@link PendingAnswers} in Redis: a sorted set of message ids by due time and a hash of their payloads. */
public final class RedisPendingAnswers implements PendingAnswers {
    private static final RedisScript ADD = new RedisScript("""
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            return 1
            """);
    private static final RedisScript REMOVE = new RedisScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """);
    /** ARGV: now ms, limit, lease-until ms. → the claimed payloads; each moves to the lease end. */
    private static final RedisScript CLAIM = new RedisScript("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local out = {}
            for _, id in ipairs(ids) do
              local payload = redis.call('HGET', KEYS[2], id)
              if payload then
                redis.call('ZADD', KEYS[1], 'XX', ARGV[3], id)
                out[#out + 1] = payload
              else
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return out
            """);

    private final UnifiedJedis redis;
    private final List<String> keys;

    public RedisPendingAnswers(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = List.of(keys.pendingAnswersDue(), keys.pendingAnswersPayloads());
    }

    @Override
    public void add(MessageId message, String payload, Instant due) {
        RedisFailures.guard(() -> ADD.run(redis, keys, List.of(message.value(), payload,
                Long.toString(due.toEpochMilli()))));
    }

    @Override
    public void remove(MessageId message) {
        RedisFailures.guard(() -> REMOVE.run(redis, keys, List.of(message.value())));
    }

    @Override
    public List<String> claimDue(Instant now, int limit, Instant leaseUntil) {
        Object result = RedisFailures.guard(() -> CLAIM.run(redis, keys, List.of(Long.toString(now.toEpochMilli()),
                Integer.toString(limit), Long.toString(leaseUntil.toEpochMilli()))));
        List<String> payloads = new ArrayList<>();
        for (Object o : (List<?>) result) {
            payloads.add(o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : String.valueOf(o));
        }
        return payloads;
    }
}
