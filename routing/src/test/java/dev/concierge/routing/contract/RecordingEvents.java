package dev.concierge.routing.contract;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.ticket.Ticket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects routing events for assertions. Thread-safe. */
public final class RecordingEvents implements RoutingEvents {
    public final List<Offer> offers = new CopyOnWriteArrayList<>();
    public final List<String> withdrawn = new CopyOnWriteArrayList<>();
    public final List<String> assigned = new CopyOnWriteArrayList<>();
    public final List<String> unassigned = new CopyOnWriteArrayList<>();
    public final List<SlaBreach> breaches = new CopyOnWriteArrayList<>();
    public final List<String> escalations = new CopyOnWriteArrayList<>();
    public final List<Ticket> tickets = new CopyOnWriteArrayList<>();

    @Override
    public void offered(Offer offer) {
        offers.add(offer);
    }

    @Override
    public void offerWithdrawn(AgentId agent, ConversationId conversation, String reason) {
        withdrawn.add(agent + ":" + conversation + ":" + reason);
    }

    @Override
    public void assigned(AgentId agent, ConversationId conversation) {
        assigned.add(agent + ":" + conversation);
    }

    @Override
    public void unassigned(AgentId agent, ConversationId conversation, String reason) {
        unassigned.add(agent + ":" + conversation + ":" + reason);
    }

    @Override
    public void slaBreached(SlaBreach breach) {
        breaches.add(breach);
    }

    @Override
    public void escalated(ConversationId conversation, String note) {
        escalations.add(conversation + ":" + note);
    }

    @Override
    public void ticketOpened(Ticket ticket) {
        tickets.add(ticket);
    }

    /** The agent of the latest offer of this conversation. */
    public AgentId lastOfferOf(ConversationId conversation) {
        for (int i = offers.size() - 1; i >= 0; i--) {
            if (offers.get(i).conversationId().equals(conversation)) {
                return offers.get(i).agent();
            }
        }
        return null;
    }

    public long offersOf(ConversationId conversation) {
        return offers.stream().filter(o -> o.conversationId().equals(conversation)).count();
    }
}
