package dev.concierge.server.conversation;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns routing events into frames on agents' sockets: offers, withdrawn offers, service-level breaches. An offer
 * carries the context card with the newest {@link ContextCards#OFFER_TRANSCRIPT_MESSAGES} messages, enough to decide;
 * accepting it brings the whole card. A long conversation offered to several agents in turn was serialised whole for
 * every offer.
 */
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
        // the newest messages, and whether there are earlier ones; the whole transcript comes with the assignment
        List<Message> newest = stores.conversations().recent(offer.conversationId(),
                ContextCards.OFFER_TRANSCRIPT_MESSAGES + 1);
        boolean earlier = newest.size() > ContextCards.OFFER_TRANSCRIPT_MESSAGES;
        Map<String, Object> card = ContextCards.build(conversation.get(), customer.get(),
                earlier ? newest.subList(1, newest.size()) : newest);
        card.put("earlierMessages", earlier);
        live.toAgent(offer.agent(), Frame.of("offer")
                .put("conversationId", offer.conversationId().value())
                .put("expiresAt", offer.expiresAt().toString())
                .put("context", card));
    }

    @Override
    public void offerWithdrawn(AgentId agent, ConversationId conversation, String reason) {
        live.toAgent(agent, Frame.of("offer_withdrawn")
                .put("conversationId", conversation.value())
                .put("reason", reason));
    }

    /**
     * No frame: the agent's desk gets {@code assigned} with the whole card from the accept itself, once the
     * conversation is ASSIGNED (raised here it would come before that, without the card). Supervisors were sent
     * {@code assigned} for every conversation anyone accepted, which their desk took for conversations of their
     * own; the supervisor board reads assignments from {@code GET /api/v1/reports/live}.
     */
    @Override
    public void assigned(AgentId agent, ConversationId conversation) {
    }

    /**
     * The agent holding the conversation is told at once ({@code sla_breach}), so their desk marks it; a breach
     * while it waits in the queue has no one to tell but the supervisors, whose board lists it.
     */
    @Override
    public void slaBreached(SlaBreach breach) {
        stores.conversations().find(breach.conversationId())
                .filter(c -> c.status() == ConversationStatus.ASSIGNED && c.assignedAgent() != null)
                .ifPresent(c -> live.toAgent(new AgentId(c.assignedAgent()), Frame.of("sla_breach")
                        .put("conversationId", breach.conversationId().value())
                        .put("kind", breach.kind().name().toLowerCase(Locale.ROOT))
                        .put("dueAt", breach.dueAt().toString())));
    }
}
