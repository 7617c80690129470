package dev.concierge.routing.assignment;

import dev.concierge.routing.state.QueueEntry;
import dev.concierge.routing.state.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Who may take a waiting conversation, best first: a pipeline of small filters (online, channel capacity, target,
 * language, skills) ending in a selector (agents who have not declined it, then fewest open conversations, then the
 * longest idle).
 */
final class AgentSelector {

    /** One step of the pipeline. */
    @FunctionalInterface
    interface Filter {
        boolean admits(Waiting waiting, Candidate agent, Instant now);
    }

    static final Filter ONLINE = (w, a, now) -> a.online();
    static final Filter CAPACITY = (w, a, now) -> a.hasRoomOn(w.entry().ticket().channel());
    static final Filter TARGET = (w, a, now) -> {
        QueueEntry e = w.entry();
        if (preferenceActive(e, now)) {
            return a.profile.id().equals(e.preferredAgent());
        }
        if (e.supervisorOnly() && !a.profile.supervisor()) {
            return false;
        }
        return e.team() == null || a.profile.teams().contains(e.team());
    };
    /** The preferred agent (owner, transfer target) is trusted with the case whatever their skills. */
    static final Filter LANGUAGE = (w, a, now) -> preferenceActive(w.entry(), now)
            || a.profile.languages().contains(w.entry().ticket().language());
    static final Filter SKILLS = (w, a, now) -> preferenceActive(w.entry(), now)
            || a.profile.skills().containsAll(w.entry().ticket().skills());

    private static final List<Filter> PIPELINE = List.of(ONLINE, CAPACITY, TARGET, LANGUAGE, SKILLS);

    private final Comparator<Candidate> fewestOpenThenLongestIdle = Comparator.comparingInt(Candidate::open)
            .thenComparingLong(a -> a.lastOfferMillis)
            .thenComparing(a -> a.profile.id().value());

    List<Candidate> rank(Waiting waiting, Collection<Candidate> agents, Instant now) {
        List<Candidate> fresh = new ArrayList<>();
        List<Candidate> declined = new ArrayList<>();
        for (Candidate agent : agents) {
            if (admitted(waiting, agent, now)) {
                (waiting.declinedBy().contains(agent.profile.id()) ? declined : fresh).add(agent);
            }
        }
        fresh.sort(fewestOpenThenLongestIdle);
        declined.sort(fewestOpenThenLongestIdle);
        fresh.addAll(declined);
        return fresh;
    }

    static boolean preferenceActive(QueueEntry entry, Instant now) {
        return entry.preferredAgent() != null && now.isBefore(entry.preferredUntil());
    }

    /** Could this agent take any conversation at all now? Lets a drain stop early. */
    static boolean canTakeAnything(Candidate agent) {
        if (!agent.online()) {
            return false;
        }
        for (dev.concierge.core.channel.Channel channel : dev.concierge.core.channel.Channel.values()) {
            if (agent.hasRoomOn(channel)) {
                return true;
            }
        }
        return false;
    }

    private static boolean admitted(Waiting waiting, Candidate agent, Instant now) {
        for (Filter f : PIPELINE) {
            if (!f.admits(waiting, agent, now)) {
                return false;
            }
        }
        return true;
    }
}
