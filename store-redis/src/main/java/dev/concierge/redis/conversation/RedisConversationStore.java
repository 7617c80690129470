package dev.concierge.redis.conversation;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import redis.clients.jedis.UnifiedJedis;

/**
 * Conversations in Redis. A conversation is a hash {json, version}; updates are optimistic: read, apply the
 * change in Java, then a Lua compare-and-set on the version that also moves the status index. The transcript is
 * a list plus a set of message ids, appended by one script so a retried message is stored once.
 */
public final class RedisConversationStore implements ConversationStore {
    private static final int MAX_UPDATE_ATTEMPTS = 100;

    private static final RedisScript CREATE = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'json', ARGV[1], 'version', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
            redis.call('SADD', KEYS[3], ARGV[4])
            return 1
            """);

    /** KEYS: conv, old status set, new status set; ARGV: expected version, new version, json, id. */
    private static final RedisScript COMPARE_AND_SET = new RedisScript("""
            local current = redis.call('HGET', KEYS[1], 'version')
            if not current then return -1 end
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'json', ARGV[3], 'version', ARGV[2])
            if KEYS[2] ~= KEYS[3] then
              redis.call('SREM', KEYS[2], ARGV[4])
              redis.call('SADD', KEYS[3], ARGV[4])
            end
            return 1
            """);

    /** KEYS: conv, ids set, transcript list; ARGV: message id, json. */
    private static final RedisScript APPEND = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
            redis.call('RPUSH', KEYS[3], ARGV[2])
            return 1
            """);

    /** KEYS: conv, transcript, ids, customer's set, status set; ARGV: id. */
    private static final RedisScript DELETE = new RedisScript("""
            local existed = redis.call('DEL', KEYS[1])
            redis.call('DEL', KEYS[2], KEYS[3])
            redis.call('ZREM', KEYS[4], ARGV[1])
            redis.call('SREM', KEYS[5], ARGV[1])
            return existed
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;

    public RedisConversationStore(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void create(Conversation c) {
        Object created = guard(() -> CREATE.run(redis,
                List.of(keys.conversation(c.id()), keys.conversationsOfCustomer(c.customerId()),
                        keys.conversationsByStatus(c.status())),
                List.of(json.write(c), Long.toString(c.version()), Long.toString(c.createdAt().toEpochMilli()),
                        c.id().value())));
        if (((Long) created) == 0L) {
            throw new IllegalStateException("conversation exists: " + c.id());
        }
    }

    @Override
    public Optional<Conversation> find(ConversationId id) {
        String stored = guard(() -> redis.hget(keys.conversation(id), "json"));
        return Optional.ofNullable(stored).map(s -> json.read(s, Conversation.class));
    }

    @Override
    public Conversation update(ConversationId id, UnaryOperator<Conversation> change) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Map<String, String> stored = guard(() -> redis.hgetAll(keys.conversation(id)));
            if (stored.isEmpty()) {
                throw new NoSuchElementException("no conversation " + id);
            }
            Conversation current = json.read(stored.get("json"), Conversation.class);
            Conversation next = change.apply(current);
            if (!next.id().equals(id)) {
                throw new IllegalArgumentException("update must not change the id");
            }
            // The stored version, not the record's, is the guard: the record may not have bumped it.
            long expected = Long.parseLong(stored.get("version"));
            long written = Math.max(expected + 1, next.version());
            Object result = guard(() -> COMPARE_AND_SET.run(redis,
                    List.of(keys.conversation(id), keys.conversationsByStatus(current.status()),
                            keys.conversationsByStatus(next.status())),
                    List.of(Long.toString(expected), Long.toString(written), json.write(next), id.value())));
            long outcome = (Long) result;
            if (outcome == 1L) {
                return next;
            }
            if (outcome == -1L) {
                throw new NoSuchElementException("no conversation " + id);
            }
            Thread.onSpinWait();
        }
        throw new ConcurrentModificationException("conversation " + id + " changed too often to update");
    }

    @Override
    public Optional<Conversation> findOpenByCustomer(CustomerId customer) {
        List<String> ids = guard(() -> redis.zrevrange(keys.conversationsOfCustomer(customer), 0, -1));
        for (String id : ids) {
            Optional<Conversation> c = find(new ConversationId(id));
            if (c.isPresent() && c.get().isOpen()) {
                return c;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ConversationId> listByCustomer(CustomerId customer) {
        return guard(() -> redis.zrange(keys.conversationsOfCustomer(customer), 0, -1)).stream()
                .map(ConversationId::new)
                .toList();
    }

    @Override
    public List<ConversationId> listByStatus(ConversationStatus status) {
        return guard(() -> redis.smembers(keys.conversationsByStatus(status))).stream()
                .map(ConversationId::new)
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
    }

    @Override
    public boolean append(Message message) {
        ConversationId id = message.conversationId();
        long outcome = (Long) guard(() -> APPEND.run(redis,
                List.of(keys.conversation(id), keys.transcriptIds(id), keys.transcript(id)),
                List.of(message.id().value(), json.write(message))));
        if (outcome == -1L) {
            throw new NoSuchElementException("no conversation " + id);
        }
        return outcome == 1L;
    }

    @Override
    public List<Message> transcript(ConversationId id) {
        return guard(() -> redis.lrange(keys.transcript(id), 0, -1)).stream()
                .map(s -> json.read(s, Message.class))
                .toList();
    }

    @Override
    public List<Message> recent(ConversationId id, int n) {
        if (n <= 0) {
            return List.of();
        }
        return guard(() -> redis.lrange(keys.transcript(id), -n, -1)).stream()
                .map(s -> json.read(s, Message.class))
                .toList();
    }

    @Override
    public boolean contains(ConversationId id, MessageId messageId) {
        return guard(() -> redis.sismember(keys.transcriptIds(id), messageId.value()));
    }

    @Override
    public boolean delete(ConversationId id) {
        Optional<Conversation> existing = find(id);
        if (existing.isEmpty()) {
            return false;
        }
        Conversation c = existing.get();
        long outcome = (Long) guard(() -> DELETE.run(redis,
                List.of(keys.conversation(id), keys.transcript(id), keys.transcriptIds(id),
                        keys.conversationsOfCustomer(c.customerId()), keys.conversationsByStatus(c.status())),
                List.of(id.value())));
        return outcome == 1L;
    }
}
