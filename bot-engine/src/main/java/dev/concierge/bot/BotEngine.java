package dev.concierge.bot;

/**
 * The bot: one decision per customer message. Implementations are thread-safe and may block (NLU, index
 * look-ups, the order API): call them from worker threads. A decision has no side effects on conversations;
 * the caller stores and delivers it.
 */
public interface BotEngine {

    BotDecision decide(BotTurn turn);
}
