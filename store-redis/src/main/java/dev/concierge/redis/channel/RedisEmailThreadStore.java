package dev.concierge.redis.channel;

import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.channel.email.MessageIds;
import dev.concierge.channel.email.ReplyTokens;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Email threading in Redis. Per-conversation keys share the conversation's hash tag; the Message-ID and token
 * indexes are plain keys. Everything expires a year after its last write: mail threads do not live longer.
 */
public final class RedisEmailThreadStore implements EmailThreadStore {
    static final Duration KEEP = Duration.ofDays(365);

    private static final RedisScript APPEND_REFERENCE = new RedisScript("""
            redis.call('LREM', KEYS[1], 0, ARGV[1])
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);
    private static final RedisScript TOKEN_GET_OR_SET = new RedisScript("""
            redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
            return redis.call('GET', KEYS[1])
            """);

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisEmailThreadStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public void link(ConversationId conversation, String messageId) {
        String id = MessageIds.requireValid(messageId);
        RedisFailures.guardRun(() -> {
            redis.set(keys.emailMessageId(SafeKeys.of(id)), conversation.value(),
                    SetParams.setParams().px(KEEP.toMillis()));
            APPEND_REFERENCE.run(redis, List.of(keys.emailReferences(conversation)),
                    List.of(id, Integer.toString(MAX_REFERENCES), Long.toString(KEEP.toMillis())));
        });
    }

    @Override
    public void forget(ConversationId conversation) {
        RedisFailures.guardRun(() -> {
            // the Message-ID index holds the last MAX_REFERENCES ids of the thread, which the references list keeps
            for (String id : redis.lrange(keys.emailReferences(conversation), 0, -1)) {
                redis.del(keys.emailMessageId(SafeKeys.of(id)));
            }
            String token = redis.get(keys.emailReplyToken(conversation));
            if (token != null) {
                redis.del(keys.emailTokenIndex(token));
            }
            redis.del(keys.emailReferences(conversation), keys.emailReplyToken(conversation),
                    keys.emailSubject(conversation));
        });
    }

    @Override
    public Optional<ConversationId> conversationOf(String messageId) {
        String id = MessageIds.strip(messageId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(RedisFailures.guard(() -> redis.get(keys.emailMessageId(SafeKeys.of(id)))))
                .map(ConversationId::new);
    }

    @Override
    public List<String> references(ConversationId conversation) {
        return RedisFailures.guard(() -> redis.lrange(keys.emailReferences(conversation), 0, -1));
    }

    @Override
    public String replyToken(ConversationId conversation) {
        String existing = RedisFailures.guard(() -> redis.get(keys.emailReplyToken(conversation)));
        if (existing != null) {
            return existing;
        }
        String candidate = ReplyTokens.newToken();
        // the index entry exists before anybody can see the token; a losing racer removes its own
        RedisFailures.guardRun(() -> redis.set(keys.emailTokenIndex(candidate), conversation.value(),
                SetParams.setParams().nx().px(KEEP.toMillis())));
        String winner = String.valueOf(RedisFailures.guard(() -> TOKEN_GET_OR_SET.run(redis,
                List.of(keys.emailReplyToken(conversation)), List.of(candidate, Long.toString(KEEP.toMillis())))));
        if (!winner.equals(candidate)) {
            RedisFailures.guardRun(() -> redis.del(keys.emailTokenIndex(candidate)));
        }
        return winner;
    }

    @Override
    public Optional<ConversationId> conversationOfToken(String token) {
        if (token == null || !token.matches("[a-z0-9]{8,32}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(RedisFailures.guard(() -> redis.get(keys.emailTokenIndex(token))))
                .map(ConversationId::new);
    }

    @Override
    public void rememberSubject(ConversationId conversation, String subject) {
        if (subject != null && !subject.isBlank()) {
            RedisFailures.guardRun(() -> redis.set(keys.emailSubject(conversation), subject.strip(),
                    SetParams.setParams().nx().px(KEEP.toMillis())));
        }
    }

    @Override
    public Optional<String> subject(ConversationId conversation) {
        return Optional.ofNullable(RedisFailures.guard(() -> redis.get(keys.emailSubject(conversation))));
    }
}
