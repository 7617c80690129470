package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.dialogue.DialogueEngine;
import dev.concierge.bot.dialogue.DialogueSettings;
import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.bot.nlu.IntentModel;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.order.AfterSaleRequest;
import dev.concierge.bot.order.AfterSaleTicket;
import dev.concierge.bot.order.Order;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiException;
import dev.concierge.bot.order.OrderStatus;
import dev.concierge.bot.order.RefundInfo;
import dev.concierge.bot.order.Tracking;
import dev.concierge.bot.sentiment.SentimentAnalyzer;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Attachment;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** A flow started on one engine (node) continues at the same step on a new engine with a new Redis connection. */
class RedisDialogueResumeIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private UnifiedJedis redis;
    private String namespace;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("resume");
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Test
    void a_return_flow_resumes_at_the_photo_step_after_a_restart() {
        IntentModel intents = IntentModel.bundled(Profile.FAST);
        KnowledgeBase kb = KnowledgeBase.bundledDefault();
        ConversationId id = new ConversationId("c-resume");
        Customer customer = new Customer(new CustomerId("u-resume"), "", "zh", "", Set.of(), CLOCK.instant());

        BotEngine first = engine(intents, kb, redis);
        assertStep(first.decide(turn(id, customer, "我要退货 DD20261104004", List.of())), "ask_reason");
        assertStep(first.decide(turn(id, customer, "质量问题，壶盖裂了", List.of())), "ask_photo");

        try (UnifiedJedis other = RedisTestSupport.connectOrSkip()) {
            BotEngine afterRestart = engine(intents, kb, other);
            BotDecision offer = afterRestart.decide(turn(id, customer, "",
                    List.of(new Attachment("lid.jpg", "image/jpeg", 1000, "att-9"))));
            assertStep(offer, "offer_options");
            BotDecision done = afterRestart.decide(turn(id, customer, "换货", List.of()));
            assertStep(done, "done");
            assertThat(done.text()).contains("AS1");
        }
    }

    private BotEngine engine(IntentModel intents, KnowledgeBase kb, UnifiedJedis connection) {
        RedisKeys keys = new RedisKeys(namespace);
        UnansweredLog log = new RedisUnansweredLog(connection, keys, new RedisJson(), 100);
        return new DialogueEngine(new DialogueEngine.Understanding(intents, new LanguageDetector("zh"),
                SentimentAnalyzer.bundled()), kb, new OneOrder(),
                new DialogueEngine.Stores(new RedisDialogueStateStore(connection, keys, new RedisJson(), Duration.ofMinutes(5)), log),
                DialogueSettings.defaults(), CLOCK);
    }

    private static BotTurn turn(ConversationId id, Customer customer, String text, List<Attachment> attachments) {
        return new BotTurn(id, customer, Channel.WEB_CHAT, text, attachments, null, List.of());
    }

    private static void assertStep(BotDecision decision, String step) {
        assertThat(decision).isInstanceOf(BotDecision.FlowStep.class);
        assertThat(((BotDecision.FlowStep) decision).step()).as(decision.text()).isEqualTo(step);
    }

    /** One delivered order; enough for the return flow without any HTTP. */
    private static final class OneOrder implements OrderApi {
        private static final Order KETTLE = new Order("DD20261104004", "u-resume", OrderStatus.DELIVERED, 459.0, "CNY",
                List.of(new Order.OrderItem("SKU-1", "电热水壶", 1, 459.0)), "上海", Instant.parse("2026-11-16T10:00:00Z"),
                Instant.parse("2026-11-19T10:00:00Z"), "YTO", "YT1");

        @Override
        public Order order(String orderId) {
            if (!orderId.equals(KETTLE.orderId())) {
                throw new OrderApiException(OrderApiException.Kind.NOT_FOUND, orderId);
            }
            return KETTLE;
        }

        @Override
        public List<Order> recentOrders(String customerId, int limit) {
            return List.of(KETTLE);
        }

        @Override
        public Tracking tracking(String orderId) {
            throw new OrderApiException(OrderApiException.Kind.NOT_FOUND, orderId);
        }

        @Override
        public AfterSaleTicket createAfterSale(AfterSaleRequest request) {
            assertThat(request.photoReferences()).containsExactly("att-9");
            return new AfterSaleTicket("AS1", request.orderId(), request.type(), "created");
        }

        @Override
        public Order cancel(String orderId, String reason) {
            throw new OrderApiException(OrderApiException.Kind.REJECTED, "not_cancellable");
        }

        @Override
        public Order changeAddress(String orderId, String newAddress) {
            throw new OrderApiException(OrderApiException.Kind.REJECTED, "already_shipped");
        }

        @Override
        public RefundInfo refundStatus(String orderId) {
            throw new OrderApiException(OrderApiException.Kind.NOT_FOUND, orderId);
        }
    }
}
