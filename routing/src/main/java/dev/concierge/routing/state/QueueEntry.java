package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * @param resting        agents who declined it or let its offer lapse, not offered it again until their time
 */
public record QueueEntry(HandoffTicket ticket, Instant enqueuedAt, long rank, AgentId preferredAgent,
        Instant preferredUntil, String team, boolean supervisorOnly, String note, List<Rest> resting) {

    /** {@code agent} is not offered the conversation again before {@code until}. */
    public record Rest(AgentId agent, Instant until) {
        public Rest {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(until, "until");
        }
    }

    public QueueEntry {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        if ((preferredAgent == null) != (preferredUntil == null)) {
            throw new IllegalArgumentException("a preferred agent needs a fallback time, and only then");
        }
        team = team == null || team.isBlank() ? null : team;
        note = note == null ? "" : note;
        resting = resting == null ? List.of() : List.copyOf(resting); // entries stored before 2026-11-23 have none
    }

    public static QueueEntry of(HandoffTicket ticket, Instant enqueuedAt, long rank) {
        return new QueueEntry(ticket, enqueuedAt, rank, null, null, null, false, "", List.of());
    }

    public ConversationId conversationId() {
        return ticket.conversationId();
    }

    public QueueEntry preferring(AgentId agent, Instant until) {
        return new QueueEntry(ticket, enqueuedAt, rank, agent, until, team, supervisorOnly, note, resting);
    }

    public QueueEntry retargeted(AgentId agent, Instant until, String toTeam, boolean toSupervisor, String why) {
        return new QueueEntry(ticket, enqueuedAt, rank, agent, until, toTeam, toSupervisor, why, resting);
    }

    /**
     * After {@code agent} declined it or let its offer lapse: not offered to them again before {@code until}, and if
     * it was waiting for them alone (owner-first, transfer to them), it now goes to anyone. Rests over by
     * {@code now} are dropped.
     */
    public QueueEntry restingFrom(AgentId agent, Instant until, Instant now) {
        List<Rest> rests = new ArrayList<>();
        for (Rest rest : resting) {
            if (!rest.agent().equals(agent) && rest.until().isAfter(now)) {
                rests.add(rest);
            }
        }
        rests.add(new Rest(agent, until));
        boolean wasForThem = agent.equals(preferredAgent);
        return new QueueEntry(ticket, enqueuedAt, rank, wasForThem ? null : preferredAgent,
                wasForThem ? null : preferredUntil, team, supervisorOnly, note, rests);
    }

    /** Whether {@code agent} must not be offered it at {@code now}. */
    public boolean resting(AgentId agent, Instant now) {
        for (Rest rest : resting) {
            if (rest.agent().equals(agent) && now.isBefore(rest.until())) {
                return true;
            }
        }
        return false;
    }
}
