package dev.concierge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.agent.AgentProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingSettingsTest {

    @Test
    void defaultsFollowTheStandards() {
        RoutingSettings s = RoutingSettings.defaults();
        assertThat(s.offerTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.sla().chatFirstResponse()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.sla().initialReply()).isEqualTo(Duration.ofHours(24));
        assertThat(s.sla().generalComplaintWorkingDays()).isEqualTo(7);
        assertThat(s.sla().seriousComplaint()).isEqualTo(Duration.ofHours(48));
        assertThat(s.sla().majorComplaintWorkingDays()).isEqualTo(2);
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> RoutingSettings.defaults().withOfferTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offerTimeout");
        assertThatThrownBy(() -> new PriorityWeights(Duration.ofMinutes(-1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentProfile(new AgentId("a"), "A", Set.of(), Set.of(),
                Map.of(Channel.WEB_CHAT, 3), Set.of(), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentProfile(new AgentId("a"), "A", Set.of(), Set.of("zh"),
                Map.of(Channel.WEB_CHAT, -1), Set.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urgencyBoostsAddUp() {
        PriorityWeights w = PriorityWeights.defaults();
        HandoffTicket plain = new HandoffTicket(new ConversationId("c"), new CustomerId("u"), Channel.SMS, "zh",
                Set.of(), 0, "", Instant.EPOCH);
        HandoffTicket angryVip = new HandoffTicket(new ConversationId("c"), new CustomerId("u"), Channel.SMS, "zh",
                Set.of(), 0, "", Instant.EPOCH, ComplaintSeverity.SERIOUS, true, -1.0);
        assertThat(w.boostMillis(plain)).isZero();
        assertThat(w.boostMillis(angryVip)).isEqualTo(Duration.ofMinutes(120 + 30 + 10).toMillis());
        assertThatThrownBy(() -> new HandoffTicket(new ConversationId("c"), new CustomerId("u"), Channel.SMS, "zh",
                Set.of(), 0, "", Instant.EPOCH, null, false, 2.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
