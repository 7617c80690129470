package dev.concierge.server.conversation;

import dev.concierge.bot.BotEngine;
import dev.concierge.bot.text.TraditionalChinese;
import dev.concierge.core.conversation.ConversationId;

/**
 * The server's own Chinese notices (an agent joined, the conversation closed, the place in the queue, the rating
 * question) in the script the conversation's shopper writes: Traditional for one who writes it, as the bot's own
 * replies are. The bot keeps the script in its dialogue state.
 */
public final class ShopperScript {
    private final BotEngine bot;

    public ShopperScript(BotEngine bot) {
        this.bot = bot;
    }

    /** {@code simplified} as the conversation's shopper reads Chinese. */
    public String in(ConversationId conversation, String simplified) {
        return TraditionalChinese.in(bot.shoppersScript(conversation, ""), simplified);
    }
}
