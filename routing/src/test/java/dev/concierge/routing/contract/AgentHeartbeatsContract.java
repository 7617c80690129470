package dev.concierge.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.routing.AgentId;
import dev.concierge.routing.agent.AgentHeartbeats;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link AgentHeartbeats} does: the last beat per agent, until forgotten. */
public interface AgentHeartbeatsContract {

    AgentHeartbeats heartbeats();

    @Test
    default void keepsTheLastBeatOfEachAgentUntilForgotten() {
        AgentHeartbeats beats = heartbeats();
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(beats.last()).isEmpty();
        beats.beat(Set.of(new AgentId("a1"), new AgentId("a2")), t0);
        beats.beat(List.of(new AgentId("a1")), t0.plusSeconds(5));
        beats.beat(List.of(), t0.plusSeconds(6));
        assertThat(beats.last()).containsEntry(new AgentId("a1"), t0.plusSeconds(5))
                .containsEntry(new AgentId("a2"), t0).hasSize(2);
        beats.forget(new AgentId("a2"));
        assertThat(beats.last()).containsOnlyKeys(new AgentId("a1"));
    }
}
