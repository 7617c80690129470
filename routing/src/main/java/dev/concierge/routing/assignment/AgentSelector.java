package dev.concierge.routing.assignment;

import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.state.Eligible;
import dev.concierge.routing.state.QueueEntry;
import dev.concierge.routing.state.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may take a waiting conversation: a pipeline of small filters over the agent directory (target, channel,
 * language, skills). What changes by the millisecond (presence, spare capacity) and the final choice (not declined,
 * fewest open, longest idle) are applied by the state in the same atomic step as the claim, so two nodes cannot
 * both act on a stale view.
 */
final class AgentSelector {

    /** One step of the pipeline. */
    @FunctionalInterface
    interface Filter {
        boolean admits(QueueEntry entry, AgentProfile agent, Instant now);
    }

    /** Owner-first and transfer-to-agent: only that agent, until the fallback time; team; supervisors only. */
    static final Filter TARGET = (e, a, now) -> {
        if (preferenceActive(e, now)) {
            return a.id().equals(e.preferredAgent());
        }
        if (e.supervisorOnly() && !a.supervisor()) {
            return false;
        }
        return e.team() == null || a.teams().contains(e.team());
    };
    static final Filter CHANNEL = (e, a, now) -> a.capacityOn(e.ticket().channel()) > 0;
    /** The preferred agent (owner, transfer target) is trusted with the case whatever their skills. */
    static final Filter LANGUAGE = (e, a, now) -> preferenceActive(e, now)
            || a.languages().contains(e.ticket().language());
    /**
     * Skills as above; an escalation goes to the supervisors whatever the case's skills (a returns case escalated
     * to a supervisor without the returns skill waited for ever).
     */
    static final Filter SKILLS = (e, a, now) -> preferenceActive(e, now) || e.supervisorOnly()
            || a.skills().containsAll(e.ticket().skills());

    /** Not to an agent who just declined it or let its offer lapse (the offer would bounce back and forth). */
    static final Filter NOT_RESTING = (e, a, now) -> !e.resting(a.id(), now);

    private static final List<Filter> PIPELINE = List.of(TARGET, CHANNEL, LANGUAGE, SKILLS, NOT_RESTING);

    /** Untargeted, never-declined conversations with the same channel, language and skills share a result. */
    private record Key(dev.concierge.core.channel.Channel channel, String language, java.util.Set<String> skills) {
    }

    private record Memo(List<AgentProfile> listing, java.util.concurrent.ConcurrentHashMap<Key, List<Eligible>> byKey) {
    }

    private static final int MEMO_LIMIT = 4_096;
    private volatile Memo memo = new Memo(List.of(), new java.util.concurrent.ConcurrentHashMap<>());

    List<Eligible> eligible(Waiting waiting, List<AgentProfile> agents, Instant now) {
        QueueEntry entry = waiting.entry();
        if (entry.preferredAgent() != null || entry.team() != null || entry.supervisorOnly()
                || !waiting.declinedBy().isEmpty() || !entry.resting().isEmpty()) {
            return compute(waiting, agents, now);
        }
        Memo current = memo;
        if (current.listing() != agents || current.byKey().size() > MEMO_LIMIT) {
            // listings are immutable and replaced on every directory change: identity is the version
            current = new Memo(agents, new java.util.concurrent.ConcurrentHashMap<>());
            memo = current;
        }
        return current.byKey().computeIfAbsent(
                new Key(entry.ticket().channel(), entry.ticket().language(), entry.ticket().skills()),
                k -> List.copyOf(compute(waiting, agents, now)));
    }

    private List<Eligible> compute(Waiting waiting, List<AgentProfile> agents, Instant now) {
        QueueEntry entry = waiting.entry();
        List<Eligible> result = new ArrayList<>();
        for (AgentProfile agent : agents) {
            if (admitted(entry, agent, now)) {
                result.add(new Eligible(agent.id(), agent.capacityOn(entry.ticket().channel()),
                        waiting.declinedBy().contains(agent.id())));
            }
        }
        return result;
    }

    static boolean preferenceActive(QueueEntry entry, Instant now) {
        return entry.preferredAgent() != null && now.isBefore(entry.preferredUntil());
    }

    private static boolean admitted(QueueEntry entry, AgentProfile agent, Instant now) {
        for (Filter f : PIPELINE) {
            if (!f.admits(entry, agent, now)) {
                return false;
            }
        }
        return true;
    }
}
