package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.bot.dialogue.DialogueStateStoreContract;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

class RedisDialogueStateStoreIT implements DialogueStateStoreContract {
    private UnifiedJedis redis;
    private String namespace;
    private DialogueStateStore states;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("dialogue");
        states = new RedisDialogueStateStore(redis, new RedisKeys(namespace), new RedisJson(), Duration.ofMinutes(5));
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public DialogueStateStore states() {
        return states;
    }

    @Test
    void a_second_store_on_the_same_redis_sees_the_state_and_it_expires() {
        ConversationId id = new ConversationId("c-restart");
        states.save(id, DialogueStateStoreContract.sample(1));
        DialogueStateStore afterRestart = new RedisDialogueStateStore(redis, new RedisKeys(namespace), new RedisJson(),
                Duration.ofMinutes(5));
        assertThat(afterRestart.load(id)).contains(DialogueStateStoreContract.sample(1));
        long ttl = redis.pttl(new RedisKeys(namespace).dialogueState(id));
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(5).toMillis());
    }
}
