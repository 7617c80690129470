package dev.concierge.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.routing.AgentId;
import dev.concierge.routing.agent.AgentHeartbeats;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link AgentHeartbeats} does: the last beat per agent and node, until forgotten. */
public interface AgentHeartbeatsContract {

    AgentHeartbeats heartbeats();

    @Test
    default void keepsTheLastBeatOfEachAgentPerNodeUntilForgotten() {
        AgentHeartbeats beats = heartbeats();
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        AgentId a1 = new AgentId("a1");
        AgentId a2 = new AgentId("a2");
        assertThat(beats.last()).isEmpty();
        beats.beat("node-a", Set.of(a1, a2), t0);
        beats.beat("node-b", List.of(a1), t0.plusSeconds(5));
        beats.beat("node-a", List.of(), t0.plusSeconds(6));
        assertThat(beats.last()).containsEntry(a1, t0.plusSeconds(5)).containsEntry(a2, t0).hasSize(2);
        assertThat(beats.lastElsewhere(a1, "node-a")).contains(t0.plusSeconds(5));
        assertThat(beats.lastElsewhere(a1, "node-b")).contains(t0);
        assertThat(beats.lastElsewhere(a2, "node-a")).isEmpty();

        beats.forget("node-b", a1);
        assertThat(beats.last()).containsEntry(a1, t0);
        assertThat(beats.lastElsewhere(a1, "node-a")).isEmpty();
        beats.forgetEverywhere(a2);
        assertThat(beats.last()).containsOnlyKeys(a1);
    }
}
