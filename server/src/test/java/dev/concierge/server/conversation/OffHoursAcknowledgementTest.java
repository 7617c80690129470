package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.bot.BotDecision;
import dev.concierge.bot.HandoffContext;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.memory.InMemoryCustomerLocks;
import dev.concierge.core.memory.InMemoryCustomerStore;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.Presence;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryCsatStore;
import dev.concierge.routing.ticket.InMemoryTicketStore;
import dev.concierge.server.live.LocalConnections;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Outside business hours a handoff promises a reply time, unless someone on duty was offered it at once. */
class OffHoursAcknowledgementTest {
    /** Sunday 22:00 in Shanghai: outside the default business hours. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T14:00:00Z"), ZoneOffset.UTC);
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore();
    private final InMemoryAgentDirectory agents = new InMemoryAgentDirectory();
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final List<Offer> offers = new CopyOnWriteArrayList<>();

    private ConversationService service(QueueingRouter router) {
        Stores stores = new Stores(conversations, customers);
        ReplyDispatcher replies = (who, conversation, message) -> delivered.add(message);
        SatisfactionSurvey survey = new SatisfactionSurvey(conversations, new InMemoryCsatStore(), replies, clock);
        AgentDesk desk = new AgentDesk(stores, router, new Outreach(new LocalConnections(new ObjectMapper()), replies,
                survey), account -> Optional.empty(), id -> { }, clock);
        HandoffContext context = new HandoffContext("Shopper asked for a human", "human_request", 0, "neutral", 0.1,
                "en", List.of("human_request"), Map.of(), List.of(), null);
        return new ConversationService(stores, new InMemoryCustomerLocks(), turn -> new BotDecision.Handoff(
                "human_request", 0.95, "en", "Connecting you with a human agent.", List.of(), "human_request", 0,
                Set.of(), context), desk, replies, clock);
    }

    private QueueingRouter router() {
        RoutingEvents events = new RoutingEvents() {
            @Override
            public void offered(Offer offer) {
                offers.add(offer);
            }

            @Override
            public void offerWithdrawn(AgentId agent, ConversationId c, String r) {
            }

            @Override
            public void assigned(AgentId agent, ConversationId c) {
            }
        };
        return new QueueingRouter(new RoutingStores(new InMemoryRoutingState(), agents, new InMemoryTicketStore()),
                RoutingSettings.defaults(), events, clock);
    }

    private void askForAHuman(ConversationService service) {
        CustomerId customer = customers.findOrCreate(Identity.appUser("u-night"), clock.instant()).id();
        service.receive(new Inbound(customer, Channel.WEB_CHAT, "agent please", List.of(), "en",
                new MessageId(customer.value() + ":c-1"), Map.of()));
    }

    private boolean promisedAReplyTime() {
        return delivered.stream().anyMatch(m -> m.text().contains("offline now"));
    }

    @Test
    void with_no_one_on_duty_the_shopper_is_told_when_a_person_will_reply() {
        askForAHuman(service(router()));
        assertThat(offers).isEmpty();
        assertThat(promisedAReplyTime()).isTrue();
    }

    @Test
    void an_agent_on_duty_who_is_offered_the_conversation_at_once_is_not_contradicted() {
        QueueingRouter router = router();
        AgentId night = new AgentId("night-shift");
        agents.put(new AgentProfile(night, "Night shift", Set.of(), Set.of("en", "zh"), Map.of(Channel.WEB_CHAT, 2),
                Set.of(), false));
        router.setPresence(night, Presence.ONLINE);
        askForAHuman(service(router));
        assertThat(offers).extracting(Offer::agent).containsExactly(night);
        assertThat(promisedAReplyTime()).isFalse();
    }
}
