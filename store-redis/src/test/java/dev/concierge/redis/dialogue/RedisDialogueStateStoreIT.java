package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.bot.dialogue.DialogueStateStoreContract;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

class RedisDialogueStateStoreIT implements DialogueStateStoreContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("dialogue");
    private DialogueStateStore states;

    @BeforeEach
    void connect() {
        states = new RedisDialogueStateStore(redis.client(), redis.keys(), new RedisJson(), Duration.ofMinutes(5));
    }

    @Override
    public DialogueStateStore states() {
        return states;
    }

    @Test
    void a_second_store_on_the_same_redis_sees_the_state_and_it_expires() {
        ConversationId id = new ConversationId("c-restart");
        states.save(id, DialogueStateStoreContract.sample(1));
        DialogueStateStore afterRestart = new RedisDialogueStateStore(redis.client(), redis.keys(), new RedisJson(),
                Duration.ofMinutes(5));
        assertThat(afterRestart.load(id)).contains(DialogueStateStoreContract.sample(1));
        long ttl = redis.client().pttl(redis.keys().dialogueState(id));
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(5).toMillis());
    }
}
