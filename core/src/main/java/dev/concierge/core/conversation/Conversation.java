package dev.concierge.core.conversation;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation between one customer and us. Immutable: every change yields a new value with a higher
 * {@code version}, which stores use for optimistic concurrency.
 *
 * @param channel    the channel the customer last wrote on (replies go out there)
 * @param locale     the customer's language, "zh" or "en"
 * @param assignedAgent the agent who holds it now, or null
 * @param owner      the first agent who took it (first-contact owner), or null
 * @param attributes small string facts other modules attach (handoff reason, priority, ...)
 */
public record Conversation(
        ConversationId id,
        CustomerId customerId,
        Channel channel,
        String locale,
        ConversationStatus status,
        String assignedAgent,
        String owner,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<StatusChange> history,
        Map<String, String> attributes) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        locale = locale == null || locale.isBlank() ? "zh" : locale;
        if (status == ConversationStatus.ASSIGNED && (assignedAgent == null || assignedAgent.isBlank())) {
            throw new IllegalArgumentException("an assigned conversation needs an agent");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0");
        }
        history = List.copyOf(history);
        attributes = Map.copyOf(attributes);
    }

    /** A new conversation handled by the bot. */
    public static Conversation open(ConversationId id, CustomerId customer, Channel channel, String locale, Instant now) {
        return new Conversation(id, customer, channel, locale, ConversationStatus.BOT, null, null, 0, now, now,
                List.of(new StatusChange(ConversationStatus.BOT, "bot", now, "opened")), Map.of());
    }

    public boolean isOpen() {
        return status != ConversationStatus.CLOSED;
    }

    /**
     * Moves to {@code next}. Assigning needs {@code agent}; the first agent ever assigned becomes the owner.
     *
     * @throws IllegalTransitionException when the life cycle forbids it
     */
    public Conversation transition(ConversationStatus next, String actor, String agent, String reason, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
        String assigned = next == ConversationStatus.ASSIGNED ? Objects.requireNonNull(agent, "agent") : null;
        String newOwner = owner == null && assigned != null ? assigned : owner;
        List<StatusChange> steps = new ArrayList<>(history);
        steps.add(new StatusChange(next, actor, at, reason));
        return new Conversation(id, customerId, channel, locale, next, assigned, newOwner, version + 1, createdAt, at,
                steps, attributes);
    }

    public Conversation withChannel(Channel newChannel, Instant at) {
        return new Conversation(id, customerId, newChannel, locale, status, assignedAgent, owner, version + 1,
                createdAt, at, history, attributes);
    }

    public Conversation withLocale(String newLocale, Instant at) {
        return new Conversation(id, customerId, channel, newLocale, status, assignedAgent, owner, version + 1,
                createdAt, at, history, attributes);
    }

    public Conversation withAttribute(String key, String value, Instant at) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new Conversation(id, customerId, channel, locale, status, assignedAgent, owner, version + 1, createdAt,
                at, history, copy);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }
}
