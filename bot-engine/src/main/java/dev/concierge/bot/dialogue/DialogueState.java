package dev.concierge.bot.dialogue;

import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.text.ChineseScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the bot remembers about one conversation between turns: the flow in progress and its slots, the topic and
 * order of earlier turns (for follow-ups), counters for the handoff triggers, and what goes on the context card.
 * Immutable; every turn produces the next state with {@code version + 1} (the stores compare-and-set on it).
 *
 * @param script               the Chinese script the shopper writes, which the Chinese replies follow; Simplified when
 *                             a stored state has none (states stored before it was kept)
 * @param flow                 the flow in progress ("" when none)
 * @param step                 its current step ("" when none)
 * @param slots                values collected by the flow (order_id, reason, photo, address, phone, option, ...)
 * @param reprompts            how many times the current step had to ask again
 * @param lowConfidenceStreak  consecutive turns the bot did not understand
 * @param negativeStreak       consecutive turns with negative sentiment
 * @param lastOrderId          the order the conversation is about ("" when none)
 * @param lastTopic            the intent of the last understood turn ("" when none)
 * @param intentPath           intents of the turns, oldest first, at most {@value #MAX_PATH}
 * @param botActions           what the bot did, oldest first, at most {@value #MAX_PATH}
 * @param entities             entities seen so far by kind (personal data already masked)
 * @param lastOrder            the last order fetched from the order API, or null
 */
public record DialogueState(long version, String language, ChineseScript script, String flow, String step,
        Map<String, String> slots, int reprompts, int lowConfidenceStreak, int negativeStreak, String lastOrderId,
        String lastTopic, List<String> intentPath, List<String> botActions, Map<String, List<String>> entities,
        HandoffContext.OrderSnapshot lastOrder, Instant updatedAt) {
    public static final int MAX_PATH = 10;

    public DialogueState {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0");
        }
        language = "en".equals(language) ? "en" : "zh";
        script = script == null ? ChineseScript.SIMPLIFIED : script;
        flow = flow == null ? "" : flow;
        step = step == null ? "" : step;
        slots = Map.copyOf(slots == null ? Map.of() : slots);
        if (reprompts < 0 || lowConfidenceStreak < 0 || negativeStreak < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
        lastOrderId = lastOrderId == null ? "" : lastOrderId;
        lastTopic = lastTopic == null ? "" : lastTopic;
        intentPath = tail(intentPath);
        botActions = tail(botActions);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (entities != null) {
            entities.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        entities = Map.copyOf(copy);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static DialogueState initial(String language, Instant now) {
        return new DialogueState(0, language, ChineseScript.SIMPLIFIED, "", "", Map.of(), 0, 0, 0, "", "", List.of(),
                List.of(), Map.of(), null, now);
    }

    public boolean inFlow() {
        return !flow.isEmpty();
    }

    private static List<String> tail(List<String> list) {
        if (list == null) {
            return List.of();
        }
        return List.copyOf(list.size() <= MAX_PATH ? list : list.subList(list.size() - MAX_PATH, list.size()));
    }

    /** A mutable copy for one turn's changes; {@link Draft#build} bumps the version. */
    Draft draft() {
        return new Draft(this);
    }

    static final class Draft {
        final long version;
        String language;
        ChineseScript script;
        String flow;
        String step;
        final Map<String, String> slots;
        int reprompts;
        int lowConfidenceStreak;
        int negativeStreak;
        String lastOrderId;
        String lastTopic;
        final List<String> intentPath;
        final List<String> botActions;
        final Map<String, List<String>> entities;
        HandoffContext.OrderSnapshot lastOrder;
        /** This turn only (not stored): the order the shopper's "other order" is not; "" when they said none. */
        String otherThan = "";

        private Draft(DialogueState s) {
            version = s.version;
            language = s.language;
            script = s.script;
            flow = s.flow;
            step = s.step;
            slots = new LinkedHashMap<>(s.slots);
            reprompts = s.reprompts;
            lowConfidenceStreak = s.lowConfidenceStreak;
            negativeStreak = s.negativeStreak;
            lastOrderId = s.lastOrderId;
            lastTopic = s.lastTopic;
            intentPath = new ArrayList<>(s.intentPath);
            botActions = new ArrayList<>(s.botActions);
            entities = new LinkedHashMap<>(s.entities);
            lastOrder = s.lastOrder;
        }

        boolean inFlowNow() {
            return !flow.isEmpty();
        }

        /** What the bot did last ("faq:invoice_request", "clarify:menu", …), or "" before anything. */
        String lastAction() {
            return botActions.isEmpty() ? "" : botActions.get(botActions.size() - 1);
        }

        void enter(String newFlow, String newStep) {
            if (!newFlow.equals(flow)) {
                slots.clear();
            }
            flow = newFlow;
            moveTo(newStep);
        }

        void moveTo(String newStep) {
            if (!newStep.equals(step)) {
                reprompts = 0;
            }
            step = newStep;
        }

        /** The shopper turned to something else mid-flow: recorded as abandoned, then ended. */
        void abandonFlow() {
            botActions.add("flow:" + flow + "/abandoned");
            endFlow();
        }

        void endFlow() {
            flow = "";
            step = "";
            slots.clear();
            reprompts = 0;
        }

        void addEntities(Map<String, List<String>> found) {
            found.forEach((kind, values) -> {
                List<String> merged = new ArrayList<>(entities.getOrDefault(kind, List.of()));
                for (String v : values) {
                    if (!merged.contains(v)) {
                        merged.add(v);
                    }
                }
                entities.put(kind, merged.size() > MAX_PATH ? merged.subList(merged.size() - MAX_PATH, merged.size()) : merged);
            });
        }

        DialogueState build(Instant now) {
            return new DialogueState(version + 1, language, script, flow, step, slots, reprompts, lowConfidenceStreak,
                    negativeStreak, lastOrderId, lastTopic, intentPath, botActions, entities, lastOrder, now);
        }
    }
}
