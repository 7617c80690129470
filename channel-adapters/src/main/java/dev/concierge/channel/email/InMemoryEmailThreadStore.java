package dev.concierge.channel.email;

import dev.concierge.core.conversation.ConversationId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded default. */
public final class InMemoryEmailThreadStore implements EmailThreadStore {
    private final Map<String, ConversationId> byMessageId = new HashMap<>();
    private final Map<ConversationId, List<String>> references = new HashMap<>();
    private final Map<ConversationId, String> tokens = new HashMap<>();
    private final Map<String, ConversationId> byToken = new HashMap<>();
    private final Map<ConversationId, String> subjects = new HashMap<>();

    @Override
    public synchronized void link(ConversationId conversation, String messageId) {
        String id = MessageIds.requireValid(messageId);
        byMessageId.put(id, conversation);
        List<String> refs = references.computeIfAbsent(conversation, k -> new ArrayList<>());
        refs.remove(id);
        refs.add(id);
        while (refs.size() > MAX_REFERENCES) {
            refs.remove(0);
        }
    }

    @Override
    public synchronized void forget(ConversationId conversation) {
        byMessageId.values().removeIf(conversation::equals);
        references.remove(conversation);
        String token = tokens.remove(conversation);
        if (token != null) {
            byToken.remove(token);
        }
        subjects.remove(conversation);
    }

    @Override
    public synchronized Optional<ConversationId> conversationOf(String messageId) {
        return Optional.ofNullable(byMessageId.get(MessageIds.strip(messageId)));
    }

    @Override
    public synchronized List<String> references(ConversationId conversation) {
        return List.copyOf(references.getOrDefault(conversation, List.of()));
    }

    @Override
    public synchronized String replyToken(ConversationId conversation) {
        return tokens.computeIfAbsent(conversation, c -> {
            String token = ReplyTokens.newToken();
            byToken.put(token, c);
            return token;
        });
    }

    @Override
    public synchronized Optional<ConversationId> conversationOfToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    @Override
    public synchronized void rememberSubject(ConversationId conversation, String subject) {
        if (subject != null && !subject.isBlank()) {
            subjects.putIfAbsent(conversation, subject.strip());
        }
    }

    @Override
    public synchronized Optional<String> subject(ConversationId conversation) {
        return Optional.ofNullable(subjects.get(conversation));
    }
}
