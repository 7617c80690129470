package dev.concierge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.memory.InMemoryConversationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportCalculatorTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final ReportCalculator calculator = new ReportCalculator(store);

    @Test
    void figuresFollowTheDocumentedDefinitions() {
        // 1: bot only (contained). 2: handed off, answered after 30 s, resolved by one agent, CSAT 5.
        // 3: handed off as a complaint, transferred, closed unresolved, CSAT 2. 4: SMS, bot only.
        store.create(Conversation.open(new ConversationId("c-1"), new CustomerId("u-1"), Channel.WEB_CHAT, "en", T));
        Conversation two = Conversation.open(new ConversationId("c-2"), new CustomerId("u-2"), Channel.WEB_CHAT, "en", T)
                .transition(ConversationStatus.QUEUED, "bot", null, "human_request", T.plusSeconds(10))
                .transition(ConversationStatus.ASSIGNED, "agent-1", "agent-1", "accepted", T.plusSeconds(20))
                .withAttribute("agent.firstResponseAt", T.plusSeconds(40).toString(), T.plusSeconds(40))
                .transition(ConversationStatus.CLOSED, "agent-1", null, "resolved", T.plusSeconds(60))
                .withAttribute("disposition", "resolved", T.plusSeconds(60))
                .withAttribute("csat.score", "5", T.plusSeconds(70));
        store.create(two);
        Conversation three = Conversation.open(new ConversationId("c-3"), new CustomerId("u-3"), Channel.WEB_CHAT, "zh", T)
                .transition(ConversationStatus.QUEUED, "bot", null, "complaint", T.plusSeconds(5))
                .withAttribute("handoff.reason", "complaint", T.plusSeconds(5))
                .transition(ConversationStatus.ASSIGNED, "agent-1", "agent-1", "accepted", T.plusSeconds(10))
                .withAttribute("agent.firstResponseAt", T.plusSeconds(15).toString(), T.plusSeconds(15))
                .withAttribute("transfer.from", "agent-1", T.plusSeconds(20))
                .transition(ConversationStatus.CLOSED, "agent-2", null, "closed", T.plusSeconds(90))
                .withAttribute("disposition", "unresolved", T.plusSeconds(90))
                .withAttribute("csat.score", "2", T.plusSeconds(95));
        store.create(three);
        store.create(Conversation.open(new ConversationId("c-4"), new CustomerId("u-4"), Channel.SMS, "zh", T));

        Map<String, Figures> figures = calculator.summary(T.minusSeconds(1), T.plusSeconds(3600));
        Figures web = figures.get("web_chat");
        assertThat(web.conversations()).isEqualTo(3);
        assertThat(web.containmentRate()).isEqualTo(0.333);
        assertThat(web.handoffRate()).isEqualTo(0.667);
        assertThat(web.firstContactResolutionRate()).isEqualTo(0.5);
        assertThat(web.averageFirstResponseSeconds()).isEqualTo(20.0); // (30 + 10) / 2
        assertThat(web.averageCsat()).isEqualTo(3.5);
        assertThat(web.csatSatisfiedRate()).isEqualTo(0.5);
        assertThat(web.complaintRate()).isEqualTo(0.333);
        assertThat(figures.get("sms").containmentRate()).isEqualTo(1.0);
        assertThat(figures.get("email").handoffRate()).isNull();
        assertThat(figures.get("all").conversations()).isEqualTo(4);
        assertThat(calculator.closedBy(new ConversationId("c-3"))).contains("agent-2");

        var series = calculator.series(T.minus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)), Duration.ofHours(1));
        assertThat(series).hasSize(2);
        assertThat(series.get(T).get("all").conversations()).isEqualTo(4);
    }
}
