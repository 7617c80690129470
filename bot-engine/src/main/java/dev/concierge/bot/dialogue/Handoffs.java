package dev.concierge.bot.dialogue;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.curation.UnansweredQuestion;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.SenderRole;
import dev.concierge.core.privacy.PersonalDataMasker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds handoff decisions: reason → priority and skills, the shopper-facing text (apologetic when they are upset
 * or the backend failed), the context card, and the entry in the unanswered log.
 */
final class Handoffs {
    static final String HUMAN_REQUEST = "human_request";
    static final String LOW_CONFIDENCE = BotDecision.Handoff.LOW_CONFIDENCE;
    static final String NEGATIVE_SENTIMENT = "negative_sentiment";
    static final String COMPLAINT = BotDecision.Handoff.COMPLAINT;
    static final String ACCOUNT_SECURITY = "account_security";
    static final String VIP = "vip";
    static final String HIGH_VALUE_ORDER = "high_value_order";
    static final String NEEDS_HUMAN_DECISION = "needs_human_decision";
    /** The shopper says the bot's answer did not solve it ("还是不行"). */
    static final String UNRESOLVED = "unresolved";
    static final String BACKEND_FAILURE = "backend_failure";
    static final String BOT_ERROR = "bot_error";

    static final int URGENT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Handoffs.class);

    private final DialogueSettings settings;
    private final UnansweredLog unanswered;
    private final PersonalDataMasker masker;
    private final Clock clock;

    Handoffs(DialogueSettings settings, UnansweredLog unanswered, PersonalDataMasker masker, Clock clock) {
        this.settings = settings;
        this.unanswered = unanswered;
        this.masker = masker;
        this.clock = clock;
    }

    /**
     * @param topic the flow or intent the conversation is about, for the skill
     * @param note  an extra sentence for the shopper (what happens next), or ""
     */
    BotDecision.Handoff handoff(Turn turn, DialogueState.Draft draft, String reason, String topic, String note) {
        String intent = intentOf(turn, draft, reason);
        int priority = priority(turn, reason);
        Set<String> skills = skills(reason, topic);
        StringBuilder text = new StringBuilder();
        boolean apologise = turn.sentiment().negative() || reason.equals(BACKEND_FAILURE) || reason.equals(BOT_ERROR)
                || reason.equals(COMPLAINT) || reason.equals(NEGATIVE_SENTIMENT);
        if (apologise) {
            text.append(turn.t("非常抱歉给您带来不便。", "I'm very sorry for the trouble. "));
        }
        if (reason.equals(BACKEND_FAILURE)) {
            text.append(turn.t("系统暂时无法查询到您的订单信息，", "I can't reach our order system right now, so "));
        } else if (reason.equals(BOT_ERROR)) {
            text.append(turn.t("系统出了点问题，", "Something went wrong on my side, so "));
        }
        if (!note.isEmpty()) {
            text.append(note);
        }
        text.append(priority >= URGENT
                // no "now" or "shortly": the bot does not know whether anyone is on duty; the server says when a
                // person will answer (queue position, or the off-hours notice)
                ? turn.t("已为您优先转接人工客服，客服会尽快在这里回复您。",
                        "I've passed this to a specialist with priority; they'll reply here as soon as they can.")
                : turn.t("正在为您转接人工客服，您无需重复描述问题。",
                        "I'm passing you to a human agent; you won't need to repeat yourself."));
        // "转人工" right after a not-understood turn: that question is in the curation log already (it was there twice)
        boolean questionLogged = reason.equals(HUMAN_REQUEST) && draft.lastAction().startsWith("clarify:");
        draft.botActions.add("handoff:" + reason);
        List<String> path = new ArrayList<>(draft.intentPath);
        path.add(intent);
        HandoffContext context = new HandoffContext(summary(turn, draft, reason, path, note), reason, priority,
                turn.sentiment().wireName(), turn.sentiment().negativeScore(), turn.language(), path, draft.entities,
                draft.botActions, draft.lastOrder);
        if (!questionLogged) {
            record(turn, reason, questionBehind(turn, reason));
        }
        LOG.info("handoff conversation={} reason={} priority={} skills={}", turn.raw().conversationId(), reason,
                priority, skills);
        return new BotDecision.Handoff(intent, confidenceOf(turn), turn.language(), text.toString(), List.of(), reason,
                priority, skills, context);
    }

    /** Logs a question the bot could not handle (masked, as the shopper typed it), for knowledge-base curation. */
    void record(Turn turn, String reason) {
        record(turn, reason, turn.said());
    }

    /**
     * "人工" says nothing about what the bot could not answer; the shopper's previous message (from the turn's
     * history, when the channel passes it) is the question worth curating.
     */
    private static String questionBehind(Turn turn, String reason) {
        if (!reason.equals(HUMAN_REQUEST)) {
            return turn.said();
        }
        List<Message> history = turn.raw().history();
        for (int i = history.size() - 1; i >= 0; i--) {
            Message m = history.get(i);
            if (m.senderRole() == SenderRole.CUSTOMER && m.text() != null && !m.text().isBlank()) {
                return m.text();
            }
        }
        return turn.said();
    }

    private void record(Turn turn, String reason, String question) {
        if (question.isBlank()) {
            return;
        }
        try {
            unanswered.record(new UnansweredQuestion(clock.instant(), turn.raw().conversationId().value(),
                    turn.language(), masker.mask(question), reason, turn.prediction().intent(),
                    turn.prediction().confidence(), turn.faq().top().map(h -> h.entryId()).orElse("")));
        } catch (RuntimeException e) {
            // curation is best effort: a full or unreachable log must not cost the shopper their answer
            LOG.warn("could not record unanswered question: {}", e.toString());
        }
    }

    int priority(Turn turn, String reason) {
        int p = switch (reason) {
            case ACCOUNT_SECURITY -> URGENT;
            case COMPLAINT -> 2;
            case NEGATIVE_SENTIMENT, VIP, HIGH_VALUE_ORDER, BACKEND_FAILURE, BOT_ERROR -> 1;
            default -> 0;
        };
        if (turn.sentiment().angry()) {
            p += 1;
        } else if (turn.sentiment().negative() && !reason.equals(NEGATIVE_SENTIMENT)) {
            p += 1;
        }
        if (settings.isVip(turn.raw().customer().vipTier()) && !reason.equals(VIP)) {
            p += 1;
        }
        return Math.min(URGENT, p);
    }

    private static Set<String> skills(String reason, String topic) {
        return switch (reason) {
            case ACCOUNT_SECURITY -> Set.of("account_security");
            case COMPLAINT -> Set.of("complaints");
            default -> Set.of(Skills.forTopic(topic));
        };
    }

    private static String intentOf(Turn turn, DialogueState.Draft draft, String reason) {
        return switch (reason) {
            case HUMAN_REQUEST -> "human_request";
            case ACCOUNT_SECURITY -> "account_security";
            case COMPLAINT -> "complaint";
            // a flow's answer ("DD20261105005" at a return's order step) is out of scope on its own: the card said
            // intent oos for a return past its window
            default -> !draft.flow.isEmpty() && (turn.prediction().outOfScope() || turn.prediction().intent().isBlank())
                    ? Skills.INTENT_OF_FLOW.getOrDefault(draft.flow, "oos")
                    : turn.prediction().intent().isBlank() ? "oos" : turn.prediction().intent();
        };
    }

    private static double confidenceOf(Turn turn) {
        return Math.max(0.0, Math.min(1.0, turn.prediction().confidence()));
    }

    private String summary(Turn turn, DialogueState.Draft draft, String reason, List<String> path, String note) {
        StringBuilder s = new StringBuilder();
        s.append("Handoff: ").append(reason).append(". Intents: ").append(String.join(" > ", path)).append('.');
        if (draft.lastOrder != null) {
            s.append(" Order ").append(draft.lastOrder.orderId()).append(" (").append(draft.lastOrder.status())
                    .append(", ").append(draft.lastOrder.totalAmount()).append(' ').append(draft.lastOrder.currency())
                    .append(").");
        }
        if (!draft.flow.isEmpty()) {
            // the order step with an order in hand: the order was found and the flow stopped on what it showed (a
            // delivery too long ago, a VIP), which "stopped at ask_order" misread as "never gave an order"
            boolean checked = draft.step.equals(Flows.ASK_ORDER) && draft.slots.containsKey("order_id");
            s.append(" Flow ").append(draft.flow).append(checked ? " stopped after checking the order"
                    : " stopped at " + draft.step).append('.');
            // what the shopper already told the flow (the return reason, that they have no photo, the option they
            // chose): the card showed none of it
            List<String> given = new ArrayList<>();
            new java.util.TreeMap<>(draft.slots).forEach((k, v) -> {
                if (!k.equals("order_id") && !k.equals(Flows.OTHER_THAN) && !v.isBlank()) {
                    given.add(k + "=" + abbreviate(masker.mask(v), 80));
                }
            });
            if (!given.isEmpty()) {
                s.append(" Given: ").append(String.join(", ", given)).append('.');
            }
        }
        if (!note.isBlank()) {
            // why the bot handed off, as it told the shopper ("delivered more than 15 days ago")
            s.append(" Bot said: \"").append(abbreviate(masker.mask(note.strip()), 200)).append("\".");
        }
        List<String> actions = draft.botActions.subList(Math.max(0, draft.botActions.size() - 4), draft.botActions.size());
        s.append(" Bot: ").append(String.join(", ", actions)).append('.');
        s.append(" Sentiment: ").append(turn.sentiment().wireName()).append(turn.sentiment().angry() ? " (angry)" : "")
                .append(". Last message: \"").append(abbreviate(masker.mask(turn.said()), 200)).append('"');
        return s.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
