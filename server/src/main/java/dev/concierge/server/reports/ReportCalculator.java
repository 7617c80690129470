package dev.concierge.server.reports;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the quality figures from the conversation store (blocking: call on a worker). Conversations are
 * counted in the bucket of their creation time.
 */
public final class ReportCalculator {
    private final ConversationStore conversations;

    public ReportCalculator(ConversationStore conversations) {
        this.conversations = conversations;
    }

    /** Every conversation created in [from, to). */
    List<Conversation> between(Instant from, Instant to) {
        List<Conversation> out = new ArrayList<>();
        for (ConversationStatus status : ConversationStatus.values()) {
            for (ConversationId id : conversations.listByStatus(status)) {
                conversations.find(id).filter(c -> !c.createdAt().isBefore(from) && c.createdAt().isBefore(to))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** Who closed the conversation last (the actor of its last CLOSED step), if anyone. */
    java.util.Optional<String> closedBy(ConversationId id) {
        return conversations.find(id).flatMap(c -> {
            String actor = null;
            for (var step : c.history()) {
                if (step.status() == ConversationStatus.CLOSED) {
                    actor = step.actor();
                }
            }
            return java.util.Optional.ofNullable(actor);
        });
    }

    /** Figures per channel plus {@code all}. */
    public Map<String, Figures> summary(Instant from, Instant to) {
        return byChannel(between(from, to));
    }

    /** Buckets of {@code step} from {@code from}: bucket start → channel → figures. */
    public Map<Instant, Map<String, Figures>> series(Instant from, Instant to, Duration step) {
        Map<Instant, List<Conversation>> buckets = new TreeMap<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            buckets.put(t, new ArrayList<>());
        }
        for (Conversation c : between(from, to)) {
            long index = Duration.between(from, c.createdAt()).toMillis() / step.toMillis();
            buckets.computeIfAbsent(from.plus(step.multipliedBy(index)), k -> new ArrayList<>()).add(c);
        }
        Map<Instant, Map<String, Figures>> out = new LinkedHashMap<>();
        buckets.forEach((start, list) -> out.put(start, byChannel(list)));
        return out;
    }

    private static Map<String, Figures> byChannel(List<Conversation> list) {
        Map<Channel, Figures> per = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            per.put(ch, Figures.EMPTY);
        }
        Figures all = Figures.EMPTY;
        for (Conversation c : list) {
            Figures f = ConversationFacts.of(c);
            per.merge(c.channel(), f, Figures::plus);
            all = all.plus(f);
        }
        Map<String, Figures> out = new LinkedHashMap<>();
        out.put("all", all);
        per.forEach((ch, f) -> out.put(ch.wireName(), f));
        return out;
    }
}
