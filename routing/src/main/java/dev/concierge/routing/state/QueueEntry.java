package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import java.time.Instant;
import java.util.Objects;

/**
 * A conversation routing is responsible for, with where it may go. Kept until the conversation is released; it is
 * in the queue, offered or assigned.
 *
 * @param rank           queue order, lower first: enqueue time in ms minus the priority boost (so it ages)
 * @param preferredAgent only this agent may take it until {@code preferredUntil} (owner-first, transfer); or null
 * @param team           only members of this team may take it (transfer to team); or null
 * @param supervisorOnly only supervisors may take it (escalation)
 * @param note           the transfer or escalation note shown to the next agent; "" if none
 */
public record QueueEntry(HandoffTicket ticket, Instant enqueuedAt, long rank, AgentId preferredAgent,
        Instant preferredUntil, String team, boolean supervisorOnly, String note) {

    public QueueEntry {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        if ((preferredAgent == null) != (preferredUntil == null)) {
            throw new IllegalArgumentException("a preferred agent needs a fallback time, and only then");
        }
        team = team == null || team.isBlank() ? null : team;
        note = note == null ? "" : note;
    }

    public static QueueEntry of(HandoffTicket ticket, Instant enqueuedAt, long rank) {
        return new QueueEntry(ticket, enqueuedAt, rank, null, null, null, false, "");
    }

    public ConversationId conversationId() {
        return ticket.conversationId();
    }

    public QueueEntry preferring(AgentId agent, Instant until) {
        return new QueueEntry(ticket, enqueuedAt, rank, agent, until, team, supervisorOnly, note);
    }

    public QueueEntry retargeted(AgentId agent, Instant until, String toTeam, boolean toSupervisor, String why) {
        return new QueueEntry(ticket, enqueuedAt, rank, agent, until, toTeam, toSupervisor, why);
    }
}
