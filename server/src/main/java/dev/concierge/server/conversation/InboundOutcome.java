package dev.concierge.server.conversation;

import dev.concierge.bot.BotDecision;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.message.Message;
import dev.concierge.routing.QueueStatus;
import java.util.List;
import java.util.Optional;

/**
 * What handling one inbound message did: the stored message, the bot's decision (if the bot handled it), the
 * replies sent, and the queue position after a handoff.
 */
public record InboundOutcome(Conversation conversation, Message message, boolean duplicate,
        Optional<BotDecision> decision, List<Message> replies, Optional<QueueStatus> queue) {
    public InboundOutcome {
        replies = List.copyOf(replies);
    }
}
