package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.message.Direction;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.SenderRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireMessagesTest {
    private final List<Message> history = List.of(new Message(new MessageId("m-1:re"), new ConversationId("c-1"),
            Channel.WEB_CHAT, Direction.OUTBOUND, SenderRole.BOT, "bot", "Which order?", List.of(),
            Instant.parse("2026-11-24T00:00:00Z"), Map.of(WireMessages.QUICK_REPLIES,
                    WireMessages.joinQuickReplies(List.of("DD20261101001", "DD20261102002", "DD20261103003")))));

    @Test
    void aBareNumberPicksThatQuickReply() {
        assertThat(WireMessages.numberedChoice("2", history)).contains("DD20261102002");
        assertThat(WireMessages.numberedChoice(" #3. ", history)).contains("DD20261103003");
        assertThat(WireMessages.numberedChoice("（２）", history)).contains("DD20261102002");
        assertThat(WireMessages.numberedChoice("1\u3000", history)).contains("DD20261101001");
    }

    @Test
    void anythingElseIsNoChoice() {
        assertThat(WireMessages.numberedChoice("4", history)).isEmpty();
        assertThat(WireMessages.numberedChoice("2 please", history)).isEmpty();
        assertThat(WireMessages.numberedChoice("where is my order 2", history)).isEmpty();
        assertThat(WireMessages.numberedChoice("2", List.of())).isEmpty();
    }
}
