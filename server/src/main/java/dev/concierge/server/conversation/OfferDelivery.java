package dev.concierge.server.conversation;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns routing events into frames on agents' sockets; an offer carries the full context card. */
public final class OfferDelivery implements RoutingEvents {
    private static final Logger LOG = LoggerFactory.getLogger(OfferDelivery.class);

    private final Stores stores;
    private final LiveConnections live;

    public OfferDelivery(Stores stores, LiveConnections live) {
        this.stores = stores;
        this.live = live;
    }

    @Override
    public void offered(Offer offer) {
        Optional<Conversation> conversation = stores.conversations().find(offer.conversationId());
        Optional<Customer> customer = conversation.flatMap(c -> stores.customers().find(c.customerId()));
        if (conversation.isEmpty() || customer.isEmpty()) {
            LOG.warn("offer for missing conversation {}", offer.conversationId());
            return;
        }
        live.toAgent(offer.agent(), Frame.of("offer")
                .put("conversationId", offer.conversationId().value())
                .put("expiresAt", offer.expiresAt().toString())
                .put("context", ContextCards.build(conversation.get(), customer.get(),
                        stores.conversations().transcript(offer.conversationId()))));
    }

    @Override
    public void offerWithdrawn(AgentId agent, ConversationId conversation, String reason) {
        live.toAgent(agent, Frame.of("offer_withdrawn")
                .put("conversationId", conversation.value())
                .put("reason", reason));
    }

    @Override
    public void assigned(AgentId agent, ConversationId conversation) {
        live.toSupervisors(Frame.of("assigned").put("conversationId", conversation.value())
                .put("agentId", agent.value()));
    }
}
