package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A customer waiting for an agent can take the request back; the bot then answers again. */
class QueueWithdrawalTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    private final List<String> decided = new CopyOnWriteArrayList<>();
    private int sent;

    private final BotEngine bot = new BotEngine() {
        @Override
        public BotDecision decide(BotTurn turn) {
            decided.add(turn.text());
            if (turn.text().equals("agent please")) {
                return new BotDecision.Handoff("human_request", 0.95, "en", "Connecting you with a human agent.",
                        List.of(), "human_request", 0, Set.of(), new HandoffContext("asked for a human",
                                "human_request", 0, "neutral", 0.1, "en", List.of("human_request"), Map.of(), List.of(),
                                null));
            }
            return new BotDecision.Answer("refund_policy", 0.9, "en", "Refunds take 1-3 working days.", List.of(),
                    "refund_arrival_time");
        }

        @Override
        public boolean withdrawsHandoff(String text) {
            return text.equals("never mind");
        }
    };

    @Test
    void never_mind_in_the_queue_returns_the_conversation_to_the_bot() {
        ServiceFixture f = new ServiceFixture(clock);
        ConversationService service = f.service(bot);
        CustomerId customer = f.customers.findOrCreate(Identity.appUser("u-waiting"), clock.instant()).id();

        InboundOutcome queued = service.receive(inbound(customer, "agent please"));
        ConversationId id = queued.conversation().id();
        assertThat(f.conversations.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(f.router.queueStatus(id)).isPresent();

        InboundOutcome waiting = service.receive(inbound(customer, "are you there?"));
        assertThat(waiting.replies()).isEmpty();

        InboundOutcome left = service.receive(inbound(customer, "never mind"));
        assertThat(left.replies()).extracting(Message::text).singleElement().asString().contains("left the queue");
        assertThat(f.conversations.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.BOT);
        assertThat(f.router.queueStatus(id)).isEmpty();

        InboundOutcome answered = service.receive(inbound(customer, "how long do refunds take?"));
        assertThat(answered.replies()).extracting(Message::text).containsExactly("Refunds take 1-3 working days.");
        assertThat(decided).containsExactly("agent please", "how long do refunds take?");
    }

    @Test
    void a_shopper_writing_traditional_chinese_reads_the_queue_notice_in_traditional() {
        BotEngine chinese = new BotEngine() {
            @Override
            public BotDecision decide(BotTurn turn) {
                return new BotDecision.Handoff("human_request", 0.95, "zh", "正在為您轉接人工客服。", List.of(),
                        "human_request", 0, Set.of(), new HandoffContext("asked for a human", "human_request", 0,
                                "neutral", 0.1, "zh", List.of("human_request"), Map.of(), List.of(), null));
            }

            @Override
            public boolean withdrawsHandoff(String text) {
                return text.startsWith("算了");
            }

            @Override
            public ChineseScript shoppersScript(ConversationId conversation, String shopperText) {
                return shopperText.contains("們") ? ChineseScript.TRADITIONAL : ChineseScript.SIMPLIFIED;
            }
        };
        ServiceFixture f = new ServiceFixture(clock);
        ConversationService service = f.service(chinese);
        CustomerId customer = f.customers.findOrCreate(Identity.appUser("u-hk"), clock.instant()).id();
        service.receive(new Inbound(customer, Channel.WEB_CHAT, "我要找你們的人工客服", List.of(), "zh",
                new MessageId(customer.value() + ":c-1"), Map.of()));
        InboundOutcome left = service.receive(new Inbound(customer, Channel.WEB_CHAT, "算了，不用你們了", List.of(), "zh",
                new MessageId(customer.value() + ":c-2"), Map.of()));
        assertThat(left.replies()).extracting(Message::text).containsExactly("好的，已為您取消人工排隊。還有什麼可以幫您？");
    }

    private Inbound inbound(CustomerId customer, String text) {
        sent++;
        return new Inbound(customer, Channel.WEB_CHAT, text, List.of(), "en",
                new MessageId(customer.value() + ":c-" + sent), Map.of());
    }
}
