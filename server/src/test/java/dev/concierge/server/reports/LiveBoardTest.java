package dev.concierge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.CustomerId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveBoardTest {
    private static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");

    @Test
    void anEscalationIsListedUntilASupervisorTakesIt() {
        Conversation escalated = Conversation.open(ConversationId.random(), new CustomerId("c-1"), Channel.WEB_CHAT,
                        "en", NOW)
                .transition(ConversationStatus.QUEUED, "bot", null, "human_request", NOW)
                .transition(ConversationStatus.ASSIGNED, "agent-1", "agent-1", "accepted", NOW)
                .withAttribute("escalation.note", "refund beyond policy", NOW)
                .transition(ConversationStatus.QUEUED, "agent-1", null, "escalated", NOW);
        assertThat(LiveBoard.waitsForASupervisor(escalated)).isTrue();

        Conversation taken = escalated.transition(ConversationStatus.ASSIGNED, "supervisor", "supervisor", "accepted",
                NOW);
        assertThat(LiveBoard.waitsForASupervisor(taken)).isFalse();
        Conversation passedOn = taken.transition(ConversationStatus.QUEUED, "supervisor", null, "transfer to agent-2",
                NOW);
        // the note stays for the next card; it no longer makes an escalation
        assertThat(passedOn.attribute("escalation.note")).isPresent();
        assertThat(LiveBoard.waitsForASupervisor(passedOn)).isFalse();
    }
}
