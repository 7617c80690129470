package dev.concierge.bot.dialogue;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.text.TraditionalChinese;
import java.util.List;

/**
 * A Chinese reply in the script the shopper writes: what the shopper reads (the text and the quick-reply labels) in
 * Traditional characters for a Traditional writer. What the server and the agents read stays: intent, FAQ entry id,
 * flow and step, the handoff's reason, skills and context card (agents read Simplified). Quick replies are labels
 * and values at once; a tapped Traditional label comes back simplified by {@link DialogueEngine}'s understanding, so
 * it still matches; order numbers have no Han characters and come back as they were.
 */
final class ReplyScript {
    private ReplyScript() {
    }

    static BotDecision in(ChineseScript script, BotDecision decision) {
        if (script != ChineseScript.TRADITIONAL || !"zh".equals(decision.language())) {
            return decision;
        }
        String text = TraditionalChinese.of(decision.text());
        List<String> replies = decision.quickReplies().stream().map(TraditionalChinese::of).toList();
        // Java 17: no pattern matching in switch yet
        if (decision instanceof BotDecision.Answer a) {
            return new BotDecision.Answer(a.intent(), a.confidence(), a.language(), text, replies, a.faqId());
        }
        if (decision instanceof BotDecision.Clarify c) {
            return new BotDecision.Clarify(c.intent(), c.confidence(), c.language(), text, replies);
        }
        if (decision instanceof BotDecision.FlowStep f) {
            return new BotDecision.FlowStep(f.intent(), f.confidence(), f.language(), text, replies, f.flow(), f.step());
        }
        BotDecision.Handoff h = (BotDecision.Handoff) decision;
        return new BotDecision.Handoff(h.intent(), h.confidence(), h.language(), text, replies, h.reason(), h.priority(),
                h.skills(), h.context());
    }
}
