package dev.concierge.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {
    private final OutboundMessage base = OutboundMessage.text(new ConversationId("c-1"), Identity.phone("+8613800138000"),
            "请为本次服务打分（1-5分）");

    @Test
    void quickRepliesBecomeANumberedList() {
        assertThat(base.withQuickReplies(List.of("Track my order", "Talk to an agent")).asPlainText().text())
                .isEqualTo("请为本次服务打分（1-5分）\n1. Track my order\n2. Talk to an agent");
    }

    @Test
    void repliesThatAreTheirOwnNumbersAreNotListed() {
        // the survey read "1. 1 / 2. 2 / … / 5. 5" by SMS and e-mail
        assertThat(base.withQuickReplies(List.of("1", "2", "3", "4", "5")).asPlainText().text())
                .isEqualTo("请为本次服务打分（1-5分）");
    }
}
