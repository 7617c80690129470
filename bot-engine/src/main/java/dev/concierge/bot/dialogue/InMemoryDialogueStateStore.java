package dev.concierge.bot.dialogue;

import dev.concierge.core.conversation.ConversationId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default: states in a concurrent map, lost on restart. */
public final class InMemoryDialogueStateStore implements DialogueStateStore {
    private final Map<ConversationId, DialogueState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<DialogueState> load(ConversationId conversationId) {
        return Optional.ofNullable(states.get(conversationId));
    }

    @Override
    public boolean save(ConversationId conversationId, DialogueState state) {
        boolean[] stored = {false};
        states.compute(conversationId, (id, current) -> {
            long expected = current == null ? 0 : current.version();
            if (state.version() != expected + 1) {
                return current;
            }
            stored[0] = true;
            return state;
        });
        return stored[0];
    }

    @Override
    public void delete(ConversationId conversationId) {
        states.remove(conversationId);
    }
}
