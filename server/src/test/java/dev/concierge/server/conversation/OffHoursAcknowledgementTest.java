package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.HandoffContext;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.MessageId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Offer;
import dev.concierge.routing.Presence;
import dev.concierge.routing.agent.AgentProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Outside business hours a handoff promises a reply time, unless someone on duty was offered it at once. */
class OffHoursAcknowledgementTest {
    /** Sunday 22:00 in Shanghai: outside the default business hours. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T14:00:00Z"), ZoneOffset.UTC);
    private final ServiceFixture f = new ServiceFixture(clock);

    private ConversationService service() {
        HandoffContext context = new HandoffContext("Shopper asked for a human", "human_request", 0, "neutral", 0.1,
                "en", List.of("human_request"), Map.of(), List.of(), null);
        return f.service(turn -> new BotDecision.Handoff("human_request", 0.95, "en",
                "Connecting you with a human agent.", List.of(), "human_request", 0, Set.of(), context));
    }

    private void askForAHuman(ConversationService service) {
        CustomerId customer = f.customers.findOrCreate(Identity.appUser("u-night"), clock.instant()).id();
        service.receive(new Inbound(customer, Channel.WEB_CHAT, "agent please", List.of(), "en",
                new MessageId(customer.value() + ":c-1"), Map.of()));
    }

    private boolean promisedAReplyTime() {
        return f.delivered.stream().anyMatch(m -> m.text().contains("offline now"));
    }

    @Test
    void with_no_one_on_duty_the_shopper_is_told_when_a_person_will_reply() {
        askForAHuman(service());
        assertThat(f.offers).isEmpty();
        assertThat(promisedAReplyTime()).isTrue();
    }

    @Test
    void an_agent_on_duty_who_is_offered_the_conversation_at_once_is_not_contradicted() {
        AgentId night = new AgentId("night-shift");
        f.agents.put(new AgentProfile(night, "Night shift", Set.of(), Set.of("en", "zh"), Map.of(Channel.WEB_CHAT, 2),
                Set.of(), false));
        f.router.setPresence(night, Presence.ONLINE);
        askForAHuman(service());
        assertThat(f.offers).extracting(Offer::agent).containsExactly(night);
        assertThat(promisedAReplyTime()).isFalse();
    }

    @Test
    void a_busy_agent_on_duty_means_no_offline_notice_for_the_next_in_line() {
        AgentId night = new AgentId("night-shift");
        f.agents.put(new AgentProfile(night, "Night shift", Set.of(), Set.of("en", "zh"), Map.of(Channel.WEB_CHAT, 1),
                Set.of(), false));
        f.router.setPresence(night, Presence.ONLINE);
        ConversationService service = service();
        askForAHuman(service);
        CustomerId second = f.customers.findOrCreate(Identity.appUser("u-night-3"), clock.instant()).id();
        service.receive(new Inbound(second, Channel.WEB_CHAT, "agent please", List.of(), "en",
                new MessageId(second.value() + ":c-1"), Map.of()));
        // queued behind the first with someone working: "offline, reply by 09:00" contradicted the expected wait
        assertThat(f.offers).hasSize(1);
        assertThat(promisedAReplyTime()).isFalse();
    }

    @Test
    void a_handoff_only_for_not_understanding_offers_to_leave_a_message_instead_of_queueing() {
        HandoffContext context = new HandoffContext("Not understood twice", "low_confidence", 0, "neutral", 0.1,
                "zh", List.of("chitchat", "chitchat"), Map.of(), List.of(), null);
        ConversationService service = f.service(turn -> new BotDecision.Handoff("chitchat", 0.3, "zh",
                "正在为您转接人工客服，您无需重复描述问题。", List.of(), "low_confidence", 0, Set.of(), context));
        CustomerId customer = f.customers.findOrCreate(Identity.appUser("u-night-2"), clock.instant()).id();
        service.receive(new Inbound(customer, Channel.WEB_CHAT, "哈哈你是谁", List.of(), "zh",
                new MessageId(customer.value() + ":c-1"), Map.of()));
        // two chit-chat lines at night queued a five-hour wait
        assertThat(f.offers).isEmpty();
        assertThat(f.conversations.findOpenByCustomer(customer).orElseThrow().status())
                .isEqualTo(dev.concierge.core.conversation.ConversationStatus.BOT);
        assertThat(f.delivered).anySatisfy(m -> assertThat(m.text()).contains("非工作时间", "留言给人工客服"));
    }
}
