package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.dialogue.DialogueState;
import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.dialogue.DialogueStateStoreContract;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisNamespace;
import java.time.Duration;
import java.util.Map;
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
    void a_state_stored_before_the_script_was_kept_reads_as_simplified() {
        ConversationId id = new ConversationId("c-before-script");
        // what the store wrote before DialogueState had a script
        redis.client().hset(redis.keys().dialogueState(id), Map.of("v", "1", "s", """
                {"version":1,"language":"zh","flow":"return_exchange","step":"ask_reason",\
                "slots":{"order_id":"DD20261104004"},"reprompts":0,"lowConfidenceStreak":0,"negativeStreak":0,\
                "lastOrderId":"DD20261104004","lastTopic":"return_request","intentPath":["return_request"],\
                "botActions":["flow:return_exchange/ask_reason"],"entities":{},"lastOrder":null,\
                "updatedAt":"2026-11-22T10:15:30Z"}"""));
        DialogueState state = states.load(id).orElseThrow();
        assertThat(state.script()).isEqualTo(ChineseScript.SIMPLIFIED);
        assertThat(state.step()).isEqualTo("ask_reason");
        assertThat(state.slots()).containsEntry("order_id", "DD20261104004");
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
