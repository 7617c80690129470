package dev.concierge.bot;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the bot does with one message. The same decision feeds every channel and {@code POST /api/v1/bot/reply}.
 */
public sealed interface BotDecision permits BotDecision.Answer, BotDecision.Clarify, BotDecision.FlowStep,
        BotDecision.Handoff {

    String intent();

    double confidence();

    /** The language of the reply: the customer's, "zh" or "en". */
    String language();

    String text();

    List<String> quickReplies();

    /** The wire name of the action: answer, clarify, flow, handoff. */
    String action();

    /** A direct answer, from the knowledge base ({@code faqId}) or a small-talk reply. */
    record Answer(String intent, double confidence, String language, String text, List<String> quickReplies,
            String faqId) implements BotDecision {
        public Answer {
            Checks.common(intent, confidence, language, text);
            quickReplies = List.copyOf(quickReplies);
        }

        @Override
        public String action() {
            return "answer";
        }
    }

    /** Not sure: ask back, offering the likely topics as quick replies. */
    record Clarify(String intent, double confidence, String language, String text, List<String> quickReplies)
            implements BotDecision {
        public Clarify {
            Checks.common(intent, confidence, language, text);
            quickReplies = List.copyOf(quickReplies);
        }

        @Override
        public String action() {
            return "clarify";
        }
    }

    /** A step of a guided flow (order status, return, ...): a prompt or a result. */
    record FlowStep(String intent, double confidence, String language, String text, List<String> quickReplies,
            String flow, String step) implements BotDecision {
        public FlowStep {
            Checks.common(intent, confidence, language, text);
            quickReplies = List.copyOf(quickReplies);
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(step, "step");
        }

        @Override
        public String action() {
            return "flow";
        }
    }

    /**
     * Hand the conversation to a human. {@code text} is what the customer is told now.
     *
     * @param priority 0 normal, higher more urgent
     * @param skills   the categories an agent needs ("refunds", "account_security", ...)
     * @param context  the context card for the agent (summary, entities, sentiment, order snapshot); never null
     */
    record Handoff(String intent, double confidence, String language, String text, List<String> quickReplies,
            String reason, int priority, Set<String> skills, HandoffContext context) implements BotDecision {
        /** Reason: the bot did not understand, several turns running. */
        public static final String LOW_CONFIDENCE = "low_confidence";
        /** Reason: a complaint (the server grades its severity from the priority). */
        public static final String COMPLAINT = "complaint";

        public Handoff {
            Checks.common(intent, confidence, language, text);
            quickReplies = List.copyOf(quickReplies);
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a handoff needs a reason");
            }
            skills = Set.copyOf(skills);
            if (context == null) {
                context = HandoffContext.minimal(reason, priority, language);
            }
        }

        /** A handoff without a context card beyond reason, priority and language (the walking skeleton's form). */
        public Handoff(String intent, double confidence, String language, String text, List<String> quickReplies,
                String reason, int priority, Set<String> skills) {
            this(intent, confidence, language, text, quickReplies, reason, priority, skills, null);
        }

        @Override
        public String action() {
            return "handoff";
        }
    }

    /** Shared validation of the common fields. */
    final class Checks {
        private Checks() {
        }

        static void common(String intent, double confidence, String language, String text) {
            if (intent == null || intent.isBlank()) {
                throw new IllegalArgumentException("intent is required");
            }
            if (!(confidence >= 0.0 && confidence <= 1.0)) {
                throw new IllegalArgumentException("confidence must be within [0, 1]");
            }
            if (!"zh".equals(language) && !"en".equals(language)) {
                throw new IllegalArgumentException("language must be zh or en");
            }
            Objects.requireNonNull(text, "text");
        }
    }
}
