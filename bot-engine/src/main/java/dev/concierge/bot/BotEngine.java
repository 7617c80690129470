package dev.concierge.bot;

import dev.concierge.bot.text.ChineseScript;
import dev.concierge.core.conversation.ConversationId;

/**
 * The bot: one decision per customer message. Implementations are thread-safe and may block (NLU, index
 * look-ups, the order API): call them from worker threads. A decision has no side effects on conversations;
 * the caller stores and delivers it.
 */
public interface BotEngine {

    BotDecision decide(BotTurn turn);

    /**
     * The decision {@link #decide} would take, without the engine remembering the turn: a conversation's dialogue
     * state is read but not changed ({@code POST /api/v1/bot/reply}). Engines that keep no state need not override it.
     */
    default BotDecision preview(BotTurn turn) {
        return decide(turn);
    }

    /**
     * Whether a message from a customer waiting for an agent takes the request back ("算了，不用了", "I found it,
     * cancel the queue"). The caller then takes the conversation out of the queue; the bot answers again.
     */
    default boolean withdrawsHandoff(String text) {
        return false;
    }

    /**
     * The Chinese script a conversation's shopper writes, for the texts the server writes to them itself (the
     * off-hours notice, leaving the queue): Traditional for someone who writes Traditional, as the engine's own
     * replies are. {@code shopperText} is the message being answered, which the engine may not have seen yet.
     * Engines that do not follow the shopper's script answer Simplified.
     */
    default ChineseScript shoppersScript(ConversationId conversation, String shopperText) {
        return ChineseScript.SIMPLIFIED;
    }
}
