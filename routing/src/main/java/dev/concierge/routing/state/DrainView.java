package dev.concierge.routing.state;

import dev.concierge.routing.AgentId;
import java.util.List;
import java.util.Map;

/**
 * What a drain starts from, read in one step: the head of the queue and, when anything waits, the live state of
 * (at least) the online agents. Agents missing from {@code agents} are treated as offline.
 */
public record DrainView(List<Waiting> waiting, Map<AgentId, AgentState> agents) {
    public DrainView {
        waiting = List.copyOf(waiting);
        agents = Map.copyOf(agents);
    }
}
