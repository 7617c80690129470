package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A customer queued on SMS or e-mail is told their place and the expected wait in words (chat shows it itself), in
 * the Chinese script they write.
 */
class QueueWaitNoticeTest {
    /** Tuesday 14:00 in Shanghai: within the default business hours. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);
    private final ServiceFixture f = new ServiceFixture(clock);

    private ConversationService service(String language) {
        HandoffContext context = new HandoffContext("Shopper asked for a human", "human_request", 0, "neutral", 0.1,
                language, List.of("human_request"), Map.of(), List.of(), null);
        return f.service(turn -> new BotDecision.Handoff("human_request", 0.95, language,
                "zh".equals(language) ? "正在为您转接人工客服。" : "Connecting you with a human agent.", List.of(),
                "human_request", 0, Set.of(), context));
    }

    private void askForAHuman(ConversationService service, String who, Channel channel, String language) {
        CustomerId customer = f.customers.findOrCreate(Identity.appUser(who), clock.instant()).id();
        service.receive(new Inbound(customer, channel, "agent please", List.of(), language,
                new MessageId(customer.value() + ":c-1"), Map.of()));
    }

    private List<String> texts() {
        return f.delivered.stream().map(Message::text).toList();
    }

    @Test
    void an_sms_customer_in_the_queue_is_told_their_place_and_the_wait_after_the_handoff_reply() {
        askForAHuman(service("en"), "u-sms", Channel.SMS, "en");
        assertThat(f.offers).isEmpty();
        // they were told they were being connected, then nothing until an agent wrote
        assertThat(texts()).hasSize(2);
        assertThat(texts().get(0)).isEqualTo("Connecting you with a human agent.");
        assertThat(texts().get(1)).startsWith("You are number 1 in line; the expected wait is about ");
    }

    @Test
    void an_email_customer_is_told_in_chinese() {
        askForAHuman(service("zh"), "u-mail", Channel.EMAIL, "zh");
        assertThat(texts()).containsExactly("正在为您转接人工客服。", "您排在第 1 位，预计等待约 5 分钟。");
    }

    @Test
    void the_chat_window_shows_the_queue_itself_so_no_words_are_added() {
        askForAHuman(service("en"), "u-chat", Channel.WEB_CHAT, "en");
        assertThat(texts()).containsExactly("Connecting you with a human agent.");
    }

    @Test
    void a_shopper_who_writes_traditional_chinese_reads_the_notice_in_it() {
        ConversationService service = f.service(new BotEngine() {
            @Override
            public BotDecision decide(BotTurn turn) {
                return new BotDecision.Handoff("human_request", 0.95, "zh", "正在為您轉接人工客服。", List.of(),
                        "human_request", 0, Set.of(), new HandoffContext("asked for a human", "human_request", 0,
                                "neutral", 0.1, "zh", List.of("human_request"), Map.of(), List.of(), null));
            }

            @Override
            public ChineseScript shoppersScript(ConversationId conversation, String shopperText) {
                return ChineseScript.TRADITIONAL;
            }
        });
        askForAHuman(service, "u-hk", Channel.SMS, "zh");
        // the server's own notices were in Simplified beside the bot's Traditional reply
        assertThat(texts()).containsExactly("正在為您轉接人工客服。", "您排在第 1 位，預計等待約 5 分鐘。");
    }

    @Test
    void the_wait_reads_in_minutes_or_hours() {
        assertThat(AgentDesk.waitText(0, false)).isEqualTo("about 1 minute");
        assertThat(AgentDesk.waitText(300, false)).isEqualTo("about 5 minutes");
        assertThat(AgentDesk.waitText(3600, false)).isEqualTo("about 1 h");
        assertThat(AgentDesk.waitText(9900, false)).isEqualTo("about 2 h 45 min");
        assertThat(AgentDesk.waitText(300, true)).isEqualTo("约 5 分钟");
        assertThat(AgentDesk.waitText(3600, true)).isEqualTo("约 1 小时");
        assertThat(AgentDesk.waitText(9900, true)).isEqualTo("约 2 小时 45 分钟");
    }
}
