package dev.concierge.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.core.conversation.ConversationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link DialogueStateStore} must do (in-memory here, Redis in store-redis). */
public interface DialogueStateStoreContract {

    DialogueStateStore states();

    private static ConversationId newId() {
        return new ConversationId("c-" + UUID.randomUUID());
    }

    static DialogueState sample(long version) {
        return new DialogueState(version, "en", ChineseScript.TRADITIONAL, "return_exchange", "ask_photo",
                Map.of("order_id", "DD20261104004", "reason", "broken lid"), 1, 0, 1, "DD20261104004",
                "return_request", List.of("greeting", "return_request"), List.of("flow:return_exchange/ask_reason"),
                Map.of("order_number", List.of("DD20261104004"), "phone", List.of("138****8000")),
                new HandoffContext.OrderSnapshot("DD20261104004", "delivered", 459.0, "CNY", List.of("Kettle x1"),
                        "YT9876543210", "YTO"),
                Instant.parse("2026-11-22T10:15:30Z"));
    }

    @Test
    default void an_unknown_conversation_has_no_state() {
        assertThat(states().load(newId())).isEmpty();
    }

    @Test
    default void a_saved_state_comes_back_equal_with_every_field() {
        ConversationId id = newId();
        DialogueState state = sample(1);
        assertThat(states().save(id, state)).isTrue();
        assertThat(states().load(id)).contains(state);
    }

    @Test
    default void a_state_without_order_or_flow_round_trips() {
        ConversationId id = newId();
        DialogueState state = DialogueState.initial("zh", Instant.parse("2026-11-22T00:00:00Z")).draft()
                .build(Instant.parse("2026-11-22T00:00:01Z"));
        assertThat(states().save(id, state)).isTrue();
        assertThat(states().load(id)).contains(state);
    }

    @Test
    default void saves_are_compare_and_set_on_the_version() {
        ConversationId id = newId();
        assertThat(states().save(id, sample(2))).as("first save must be version 1").isFalse();
        assertThat(states().save(id, sample(1))).isTrue();
        assertThat(states().save(id, sample(1))).as("stale writer").isFalse();
        assertThat(states().save(id, sample(3))).as("skipped a version").isFalse();
        assertThat(states().save(id, sample(2))).isTrue();
        assertThat(states().load(id).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    default void delete_forgets_the_conversation_only() {
        ConversationId a = newId();
        ConversationId b = newId();
        states().save(a, sample(1));
        states().save(b, sample(1));
        states().delete(a);
        assertThat(states().load(a)).isEmpty();
        assertThat(states().load(b)).isPresent();
        assertThat(states().save(a, sample(1))).as("starts again at version 1").isTrue();
    }
}
