package dev.concierge.server.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.bot.BotEngine;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.memory.InMemoryCustomerLocks;
import dev.concierge.core.memory.InMemoryCustomerStore;
import dev.concierge.core.message.Message;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryCsatStore;
import dev.concierge.routing.ticket.InMemoryTicketStore;
import dev.concierge.server.live.LocalConnections;
import dev.concierge.server.observability.ServerMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A conversation service on in-memory stores and a real router with default settings, for tests of its behaviour:
 * what it delivers to customers and what the router offers to agents are recorded.
 */
final class ServiceFixture {
    final InMemoryConversationStore conversations = new InMemoryConversationStore();
    final InMemoryCustomerStore customers = new InMemoryCustomerStore();
    final InMemoryAgentDirectory agents = new InMemoryAgentDirectory();
    final List<Message> delivered = new CopyOnWriteArrayList<>();
    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final QueueingRouter router;
    private final Clock clock;

    ServiceFixture(Clock clock) {
        this.clock = clock;
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
        router = new QueueingRouter(new RoutingStores(new InMemoryRoutingState(), agents, new InMemoryTicketStore()),
                RoutingSettings.defaults(), events, clock);
    }

    ConversationService service(BotEngine bot) {
        Stores stores = new Stores(conversations, customers);
        ReplyDispatcher replies = (who, conversation, message) -> delivered.add(message);
        ShopperScript script = new ShopperScript(bot);
        SatisfactionSurvey survey = new SatisfactionSurvey(conversations, new InMemoryCsatStore(), replies, script,
                clock);
        AgentDesk desk = new AgentDesk(stores, router, new Outreach(new LocalConnections(new ObjectMapper()), replies,
                survey, script), account -> Optional.empty(), id -> { }, clock);
        return new ConversationService(stores, new InMemoryCustomerLocks(), bot, desk, replies, new ServerMetrics(),
                clock);
    }
}
