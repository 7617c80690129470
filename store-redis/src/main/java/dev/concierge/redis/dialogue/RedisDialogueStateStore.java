package dev.concierge.redis.dialogue;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.bot.dialogue.DialogueState;
import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Dialogue states in Redis: one hash per conversation ({@code v} = version, {@code s} = the state as JSON) under the
 * conversation's hash tag, with a TTL refreshed on every save so abandoned conversations disappear by themselves.
 * The save is a compare-and-set on the version in one Lua script, so two nodes cannot overwrite each other.
 */
public final class RedisDialogueStateStore implements DialogueStateStore {
    /** KEYS[1] state hash; ARGV: expected stored version, new version, JSON, TTL ms. Returns 1 stored, 0 conflict. */
    private static final RedisScript SAVE = new RedisScript("""
            local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
            if current ~= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final RedisJson json;
    private final Duration ttl;

    /** @param ttl how long a conversation's state lives after its last turn (e.g. 7 days) */
    public RedisDialogueStateStore(UnifiedJedis redis, RedisKeys keys, RedisJson json, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.ttl = ttl;
    }

    @Override
    public Optional<DialogueState> load(ConversationId conversationId) {
        String stored = guard(() -> redis.hget(keys.dialogueState(conversationId), "s"));
        return Optional.ofNullable(stored).map(s -> json.read(s, DialogueState.class));
    }

    @Override
    public boolean save(ConversationId conversationId, DialogueState state) {
        if (state.version() < 1) {
            return false;
        }
        Object result = guard(() -> SAVE.run(redis, List.of(keys.dialogueState(conversationId)),
                List.of(Long.toString(state.version() - 1), Long.toString(state.version()), json.write(state),
                        Long.toString(ttl.toMillis()))));
        return Long.valueOf(1L).equals(result);
    }

    @Override
    public void delete(ConversationId conversationId) {
        guard(() -> redis.del(keys.dialogueState(conversationId)));
    }
}
