package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.HandoffContext;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.memory.InMemoryCustomerLocks;
import dev.concierge.core.memory.InMemoryCustomerStore;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A customer waiting for an agent can take the request back; the bot then answers again. */
class QueueWithdrawalTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore();
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final List<String> decided = new CopyOnWriteArrayList<>();
    private int sent;

    private final BotEngine bot = new BotEngine() {
        @Override
        public BotDecision decide(BotTurn turn) {
            decided.add(turn.text());
            if (turn.text().equals("agent please")) {
                return new BotDecision.Handoff("human_request", 0.95, "en", "Connecting you with a human agent.",
                        List.of(), "human_request", 0, Set.of(), new HandoffContext("asked for a human",
                                "human_request", 0, "neutral", 0.1, "en", List.of("human_request"), Map.of(), List.of(),
                                null));
            }
            return new BotDecision.Answer("refund_policy", 0.9, "en", "Refunds take 1-3 working days.", List.of(),
                    "refund_arrival_time");
        }

        @Override
        public boolean withdrawsHandoff(String text) {
            return text.equals("never mind");
        }
    };

    @Test
    void never_mind_in_the_queue_returns_the_conversation_to_the_bot() {
        QueueingRouter router = new QueueingRouter(new RoutingStores(new InMemoryRoutingState(),
                new InMemoryAgentDirectory(), new InMemoryTicketStore()), RoutingSettings.defaults(), new RoutingEvents() {
                    @Override
                    public void offered(Offer offer) {
                    }

                    @Override
                    public void offerWithdrawn(AgentId agent, ConversationId c, String r) {
                    }

                    @Override
                    public void assigned(AgentId agent, ConversationId c) {
                    }
                }, clock);
        Stores stores = new Stores(conversations, customers);
        ReplyDispatcher replies = (who, conversation, message) -> delivered.add(message);
        AgentDesk desk = new AgentDesk(stores, router, new Outreach(new LocalConnections(new ObjectMapper()), replies,
                new SatisfactionSurvey(conversations, new InMemoryCsatStore(), replies, clock)),
                account -> Optional.empty(), id -> { }, clock);
        ConversationService service = new ConversationService(stores, new InMemoryCustomerLocks(), bot, desk, replies,
                clock);
        CustomerId customer = customers.findOrCreate(Identity.appUser("u-waiting"), clock.instant()).id();

        InboundOutcome queued = service.receive(inbound(customer, "agent please"));
        ConversationId id = queued.conversation().id();
        assertThat(conversations.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(router.queueStatus(id)).isPresent();

        InboundOutcome waiting = service.receive(inbound(customer, "are you there?"));
        assertThat(waiting.replies()).isEmpty();

        InboundOutcome left = service.receive(inbound(customer, "never mind"));
        assertThat(left.replies()).extracting(Message::text).singleElement().asString().contains("left the queue");
        assertThat(conversations.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.BOT);
        assertThat(router.queueStatus(id)).isEmpty();

        InboundOutcome answered = service.receive(inbound(customer, "how long do refunds take?"));
        assertThat(answered.replies()).extracting(Message::text).containsExactly("Refunds take 1-3 working days.");
        assertThat(decided).containsExactly("agent please", "how long do refunds take?");
    }

    private Inbound inbound(CustomerId customer, String text) {
        sent++;
        return new Inbound(customer, Channel.WEB_CHAT, text, List.of(), "en",
                new MessageId(customer.value() + ":c-" + sent), Map.of());
    }
}
