package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.memory.InMemoryCustomerStore;
import dev.concierge.core.message.Message;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ComplaintSeverity;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Offer;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OfferDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore();
    private final List<Frame> toAgent = new CopyOnWriteArrayList<>();
    private final List<Frame> toSupervisors = new CopyOnWriteArrayList<>();
    private final OfferDelivery delivery = new OfferDelivery(new Stores(conversations, customers), new LiveConnections() {
        @Override
        public void toShopper(CustomerId customer, Frame frame) {
        }

        @Override
        public void endShopper(CustomerId customer, Frame frame) {
        }

        @Override
        public void toAgent(AgentId agent, Frame frame) {
            toAgent.add(frame);
        }

        @Override
        public void toSupervisors(Frame frame) {
            toSupervisors.add(frame);
        }

        @Override
        public boolean isAgentConnected(AgentId agent) {
            return true;
        }
    });

    @Test
    void anOfferCarriesTheNewestMessagesAndSaysWhetherThereAreEarlierOnes() {
        ConversationId id = conversationWith(ContextCards.OFFER_TRANSCRIPT_MESSAGES + 7);
        delivery.offered(offer(id));
        Map<String, Object> card = context(toAgent.get(0));
        List<?> transcript = (List<?>) card.get("transcript");
        assertThat(transcript).hasSize(ContextCards.OFFER_TRANSCRIPT_MESSAGES);
        assertThat(((Map<?, ?>) transcript.get(0)).get("text")).isEqualTo("message 8");
        assertThat(((Map<?, ?>) transcript.get(transcript.size() - 1)).get("text"))
                .isEqualTo("message " + (ContextCards.OFFER_TRANSCRIPT_MESSAGES + 7));
        assertThat(card.get("earlierMessages")).isEqualTo(true);
        assertThat((String) card.get("summary")).endsWith("message " + (ContextCards.OFFER_TRANSCRIPT_MESSAGES + 7));
    }

    @Test
    void aShortConversationIsOfferedWhole() {
        ConversationId id = conversationWith(ContextCards.OFFER_TRANSCRIPT_MESSAGES);
        delivery.offered(offer(id));
        Map<String, Object> card = context(toAgent.get(0));
        assertThat((List<?>) card.get("transcript")).hasSize(ContextCards.OFFER_TRANSCRIPT_MESSAGES);
        assertThat(card.get("earlierMessages")).isEqualTo(false);
    }

    @Test
    void anAssignmentIsNoFrameForSupervisors() {
        // the desk reads `assigned` as "I now hold it": every supervisor's desk filled with others' conversations
        delivery.assigned(new AgentId("agent-1"), conversationWith(1));
        assertThat(toSupervisors).isEmpty();
        assertThat(toAgent).isEmpty();
    }

    @Test
    void theAgentHoldingAConversationIsToldOfItsBreach() {
        ConversationId held = conversationWith(1);
        conversations.update(held, c -> c.transition(ConversationStatus.QUEUED, "bot", null, "human_request", NOW)
                .transition(ConversationStatus.ASSIGNED, "agent-2", "agent-2", "accepted", NOW));
        delivery.slaBreached(new SlaBreach(held, SlaKind.CHAT_FIRST_RESPONSE, NOW, NOW.plusSeconds(1)));

        assertThat(toAgent).hasSize(1);
        assertThat(toAgent.get(0).type()).isEqualTo("sla_breach");
        assertThat(toAgent.get(0).fields()).containsEntry("conversationId", held.value())
                .containsEntry("kind", "chat_first_response").containsEntry("dueAt", NOW.toString());
    }

    @Test
    void aBreachInTheQueueIsNoAgentsFrame() {
        ConversationId queued = conversationWith(1);
        conversations.update(queued, c -> c.transition(ConversationStatus.QUEUED, "bot", null, "human_request", NOW));
        delivery.slaBreached(new SlaBreach(queued, SlaKind.INITIAL_REPLY, NOW, NOW));
        delivery.slaBreached(new SlaBreach(ConversationId.random(), SlaKind.INITIAL_REPLY, NOW, NOW));
        assertThat(toAgent).isEmpty();
    }

    private ConversationId conversationWith(int messages) {
        Customer customer = customers.findOrCreate(Identity.appUser("shopper-1"), NOW);
        ConversationId id = ConversationId.random();
        conversations.create(Conversation.open(id, customer.id(), Channel.WEB_CHAT, "en", NOW));
        for (int i = 1; i <= messages; i++) {
            conversations.append(Message.inbound(id, Channel.WEB_CHAT, customer.id().value(), "message " + i, List.of(),
                    NOW.plusSeconds(i)));
        }
        return id;
    }

    private static Offer offer(ConversationId id) {
        HandoffTicket ticket = new HandoffTicket(id, new CustomerId("c"), Channel.WEB_CHAT, "en", Set.of("general"), 0,
                "human_request", NOW, ComplaintSeverity.NONE, false, 0.0);
        return new Offer(id, new AgentId("agent-1"), ticket, NOW, NOW.plusSeconds(30));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Frame frame) {
        assertThat(frame.type()).isEqualTo("offer");
        return (Map<String, Object>) frame.fields().get("context");
    }
}
