package dev.concierge.core.memory;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The embedded default: everything in this JVM's heap, lost on restart. */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<ConversationId, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<ConversationId, Transcript> transcripts = new ConcurrentHashMap<>();
    /** Each customer's conversations, so look-ups by customer do not scan every conversation. */
    private final Map<CustomerId, Set<ConversationId>> byCustomer = new ConcurrentHashMap<>();
    /**
     * Each customer's open conversations (usually one), kept with every change of a conversation, so that finding a
     * returning customer's open conversation does not walk all their closed ones.
     */
    private final Map<CustomerId, Set<ConversationId>> openByCustomer = new ConcurrentHashMap<>();

    /** A transcript and the ids in it; guarded by its own monitor. */
    private static final class Transcript {
        final List<Message> messages = new ArrayList<>();
        final Set<MessageId> ids = new HashSet<>();
    }

    @Override
    public void create(Conversation conversation) {
        if (conversations.putIfAbsent(conversation.id(), conversation) != null) {
            throw new IllegalStateException("conversation exists: " + conversation.id());
        }
        transcripts.putIfAbsent(conversation.id(), new Transcript());
        byCustomer.computeIfAbsent(conversation.customerId(), k -> ConcurrentHashMap.newKeySet()).add(conversation.id());
        trackOpen(conversation);
    }

    /** Called with the conversation's latest state, inside the map's lock for its id. */
    private void trackOpen(Conversation c) {
        if (c.isOpen()) {
            openByCustomer.computeIfAbsent(c.customerId(), k -> ConcurrentHashMap.newKeySet()).add(c.id());
        } else {
            forgetOpen(c.customerId(), c.id());
        }
    }

    private void forgetOpen(CustomerId customer, ConversationId id) {
        openByCustomer.computeIfPresent(customer, (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public Optional<Conversation> find(ConversationId id) {
        return Optional.ofNullable(conversations.get(id));
    }

    @Override
    public Conversation update(ConversationId id, UnaryOperator<Conversation> change) {
        Conversation updated = conversations.computeIfPresent(id, (key, current) -> {
            Conversation next = change.apply(current);
            if (!next.id().equals(id) || !next.customerId().equals(current.customerId())) {
                throw new IllegalArgumentException("update must not change the id or the customer");
            }
            trackOpen(next);
            return next;
        });
        if (updated == null) {
            throw new NoSuchElementException("no conversation " + id);
        }
        return updated;
    }

    @Override
    public Optional<Conversation> findOpenByCustomer(CustomerId customer) {
        return openByCustomer.getOrDefault(customer, Set.of()).stream()
                .map(conversations::get)
                .filter(c -> c != null && c.isOpen())
                .max(Comparator.comparing(Conversation::createdAt));
    }

    @Override
    public List<ConversationId> listByCustomer(CustomerId customer) {
        return ofCustomer(customer)
                .sorted(Comparator.comparing(Conversation::createdAt))
                .map(Conversation::id)
                .toList();
    }

    @Override
    public List<ConversationId> listByStatus(ConversationStatus status) {
        return conversations.values().stream()
                .filter(c -> c.status() == status)
                .sorted(Comparator.comparing(Conversation::createdAt))
                .map(Conversation::id)
                .toList();
    }

    @Override
    public boolean append(Message message) {
        Transcript t = transcripts.get(message.conversationId());
        if (t == null || !conversations.containsKey(message.conversationId())) {
            throw new NoSuchElementException("no conversation " + message.conversationId());
        }
        synchronized (t) {
            if (!t.ids.add(message.id())) {
                return false;
            }
            t.messages.add(message);
            return true;
        }
    }

    @Override
    public List<Message> transcript(ConversationId id) {
        Transcript t = transcripts.get(id);
        if (t == null) {
            return List.of();
        }
        synchronized (t) {
            return List.copyOf(t.messages);
        }
    }

    @Override
    public List<Message> recent(ConversationId id, int n) {
        Transcript t = transcripts.get(id);
        if (t == null) {
            return List.of();
        }
        synchronized (t) {
            return List.copyOf(t.messages.subList(Math.max(0, t.messages.size() - n), t.messages.size()));
        }
    }

    @Override
    public boolean contains(ConversationId id, MessageId messageId) {
        Transcript t = transcripts.get(id);
        if (t == null) {
            return false;
        }
        synchronized (t) {
            return t.ids.contains(messageId);
        }
    }

    @Override
    public boolean delete(ConversationId id) {
        transcripts.remove(id);
        Conversation removed = conversations.remove(id);
        if (removed == null) {
            return false;
        }
        byCustomer.computeIfPresent(removed.customerId(), (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
        forgetOpen(removed.customerId(), id);
        return true;
    }

    private Stream<Conversation> ofCustomer(CustomerId customer) {
        return byCustomer.getOrDefault(customer, Set.of()).stream()
                .map(conversations::get)
                .filter(Objects::nonNull);
    }
}
