package dev.concierge.redis.channel;

import dev.concierge.channel.outbox.OutboxEntry;
import dev.concierge.channel.outbox.OutboxStatus;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The outbox in Redis: one JSON string per entry and a sorted set of PENDING entry ids scored by when they are
 * due. Claims move the score to the lease end inside one Lua script, so two drainers never take the same entry.
 * Finished entries expire after {@link #KEEP_FINISHED}; receipts after {@link #KEEP_RECEIPTS}.
 */
public final class RedisOutboxStore implements OutboxStore {
    static final Duration KEEP_FINISHED = Duration.ofDays(7);
    static final Duration KEEP_RECEIPTS = Duration.ofDays(30);
    /** The per-conversation index outlives its entries (retries included), then goes. */
    static final Duration KEEP_BY_CONVERSATION = Duration.ofDays(30);

    private static final RedisScript ADD = new RedisScript("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
            if ARGV[2] == 'PENDING' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
            redis.call('SADD', KEYS[3], ARGV[4])
            redis.call('PEXPIRE', KEYS[3], ARGV[5])
            return 1
            """);
    private static final RedisScript UPDATE = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            if ARGV[2] == 'PENDING' then
              redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            else
              redis.call('ZREM', KEYS[2], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
            end
            return 1
            """);
    /** KEYS: the conversation's entry-id set, the due set; ARGV: the entry-key prefix. → how many entries existed. */
    private static final RedisScript FORGET = new RedisScript("""
            local n = 0
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              n = n + redis.call('DEL', ARGV[1] .. id)
              redis.call('ZREM', KEYS[2], id)
            end
            redis.call('DEL', KEYS[1])
            return n
            """);
    private static final RedisScript CLAIM = new RedisScript("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[3], id) end
            return ids
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;

    public RedisOutboxStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void add(OutboxEntry entry) {
        Object r = RedisFailures.guard(() -> ADD.run(redis, List.of(keys.outboxEntry(entry.id()), keys.outboxDue(),
                keys.outboxByConversation(entry.message().conversationId())),
                List.of(json.write(entry), entry.status().name(), Long.toString(entry.nextAttemptAt().toEpochMilli()),
                        entry.id(), Long.toString(KEEP_BY_CONVERSATION.toMillis()))));
        if (!Long.valueOf(1).equals(r)) {
            throw new IllegalStateException("outbox entry exists: " + entry.id());
        }
    }

    @Override
    public int forgetConversation(ConversationId conversation) {
        Object n = RedisFailures.guard(() -> FORGET.run(redis,
                List.of(keys.outboxByConversation(conversation), keys.outboxDue()), List.of(keys.outboxEntry(""))));
        return ((Number) n).intValue();
    }

    @Override
    public void update(OutboxEntry entry) {
        Object r = RedisFailures.guard(() -> UPDATE.run(redis,
                List.of(keys.outboxEntry(entry.id()), keys.outboxDue()),
                List.of(json.write(entry), entry.status().name(), Long.toString(entry.nextAttemptAt().toEpochMilli()),
                        entry.id(), Long.toString(KEEP_FINISHED.toMillis()))));
        if (!Long.valueOf(1).equals(r)) {
            throw new IllegalStateException("no outbox entry " + entry.id());
        }
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        String raw = RedisFailures.guard(() -> redis.get(keys.outboxEntry(id)));
        return Optional.ofNullable(raw).map(s -> json.read(s, OutboxEntry.class));
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil) {
        Object r = RedisFailures.guard(() -> CLAIM.run(redis, List.of(keys.outboxDue()),
                List.of(Long.toString(now.toEpochMilli()), Integer.toString(limit),
                        Long.toString(leaseUntil.toEpochMilli()))));
        List<OutboxEntry> claimed = new ArrayList<>();
        if (r instanceof List<?> ids) {
            for (Object id : ids) {
                find(String.valueOf(id)).filter(e -> e.status() == OutboxStatus.PENDING)
                        .ifPresent(e -> claimed.add(e.leasedUntil(leaseUntil)));
            }
        }
        return claimed;
    }

    @Override
    public long pendingCount() {
        return RedisFailures.guard(() -> redis.zcard(keys.outboxDue()));
    }

    @Override
    public void recordDeliveryStatus(String providerMessageId, String status) {
        RedisFailures.guardRun(() -> redis.set(keys.deliveryReceipt(SafeKeys.of(providerMessageId)), status,
                SetParams.setParams().px(KEEP_RECEIPTS.toMillis())));
    }

    @Override
    public Optional<String> deliveryStatus(String providerMessageId) {
        return Optional.ofNullable(RedisFailures.guard(() -> redis.get(keys.deliveryReceipt(SafeKeys.of(providerMessageId)))));
    }
}
