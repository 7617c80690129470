package dev.concierge.bot.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.curation.InMemoryUnansweredLog;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.curation.UnansweredQuestion;
import dev.concierge.bot.order.AfterSaleRequest;
import dev.concierge.bot.order.AfterSaleTicket;
import dev.concierge.bot.order.Order;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiException;
import dev.concierge.bot.order.RefundInfo;
import dev.concierge.bot.order.Tracking;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.text.TraditionalChinese;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Engine behaviour beyond the scripted suite: the context card, the curation log, state handling, settings. */
class DialogueEngineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final DialogueStateStore states = new InMemoryDialogueStateStore();
    private final UnansweredLog unanswered = new InMemoryUnansweredLog(50);
    private final ConversationId id = new ConversationId("c-engine");
    private final Customer customer = new Customer(new CustomerId("u-1"), "", "zh", "", Set.of(), CLOCK.instant());

    private DialogueEngine engine(OrderApi orders) {
        return new DialogueEngine(TestModels.understanding(), TestModels.kb(), orders,
                new DialogueEngine.Stores(states, unanswered), DialogueSettings.defaults(), CLOCK);
    }

    private BotDecision say(DialogueEngine engine, String text) {
        return engine.decide(new BotTurn(id, customer, Channel.WEB_CHAT, text, List.of(), null, List.of()));
    }

    @Test
    void texts_the_server_writes_follow_the_shoppers_script() {
        DialogueEngine engine = engine(new FailingOrders());
        assertThat(TraditionalChinese.in(engine.shoppersScript(id, "算了"), "已为您取消人工排队")).isEqualTo("已为您取消人工排队");
        assertThat(TraditionalChinese.in(engine.shoppersScript(id, "取消排隊"), "已为您取消人工排队")).isEqualTo("已為您取消人工排隊");
        say(engine, "你們有什麼優惠券嗎");
        assertThat(TraditionalChinese.in(engine.shoppersScript(id, "算了"), "已为您取消人工排队")).isEqualTo("已為您取消人工排隊");
        assertThat(TraditionalChinese.in(engine.shoppersScript(id, "算了"), "OK")).isEqualTo("OK");
    }

    @Test
    void a_waiting_customer_takes_the_request_back_with_a_cancel_phrase_not_with_a_topic() {
        DialogueEngine engine = engine(new FailingOrders());
        for (String back : List.of("算了，不用了", "never mind", "我自己查到了，取消排队", "I don't need an agent anymore",
                "算了，我的另一个订单到哪了", "never mind, how long does a refund take?", "我自己查到了，取消排隊",
                "算了，不用了。我的另一個訂單到哪了")) {
            assertThat(engine.withdrawsHandoff(back)).as(back).isTrue();
        }
        for (String stay : List.of("取消订单", "取消訂單", "cancel", "hello? are you there", "我要退款", "算了，我还是等人工吧",
                "算了，我還是等人工吧",
                "never mind, I'll wait for the agent")) {
            assertThat(engine.withdrawsHandoff(stay)).as(stay).isFalse();
        }
    }

    @Test
    void an_item_word_is_named_only_as_a_word_of_its_own() {
        assertThat(Flows.namesWord("how do i return my kettle?", "kettle")).isTrue();
        assertThat(Flows.namesWord("two kettles arrived", "kettle")).isTrue();
        assertThat(Flows.namesWord("kettle", "kettle")).isTrue();
        // "shirt" is not the "t-shirt", nor part of "shirtsleeve"
        assertThat(Flows.namesWord("can i return my t-shirt?", "shirt")).isFalse();
        assertThat(Flows.namesWord("a shirtsleeve", "shirt")).isFalse();
        assertThat(Flows.namesWord("can i return my t-shirt?", "t-shirt")).isTrue();
    }

    @Test
    void only_a_message_with_words_besides_the_request_may_name_an_item() {
        for (String plain : List.of("where is my order?", "我的快递到哪了", "i want to change my delivery address",
                "我想修改收货地址", "我要退货")) {
            assertThat(Flows.mayNameAnItem(plain)).as(plain).isFalse();
        }
        for (String item : List.of("保温杯到哪了", "how do i return my kettle?", "我的耳机到哪了", "where is my thermos?")) {
            assertThat(Flows.mayNameAnItem(item)).as(item).isTrue();
        }
    }

    @Test
    void slips_of_the_key_words_are_corrected_only_where_they_are_slips() {
        assertThat(DialogueEngine.withShorthandSpelledOut("我的定单到哪了")).isEqualTo("我的订单到哪了");
        assertThat(DialogueEngine.withShorthandSpelledOut("我要推货")).isEqualTo("我要退货");
        assertThat(DialogueEngine.withShorthandSpelledOut("I want to retrun it, pls")).isEqualTo("I want to return it, please");
        // the characters are right here: "be sure to pack it separately", "a booking slip"
        assertThat(DialogueEngine.withShorthandSpelledOut("请一定单独包装")).isEqualTo("请一定单独包装");
        assertThat(DialogueEngine.withShorthandSpelledOut("预定单号多少")).isEqualTo("预定单号多少");
        assertThat(DialogueEngine.withShorthandSpelledOut("returning the address")).isEqualTo("returning the address");
    }

    @Test
    void a_traditional_writer_reads_traditional_replies_and_the_agent_keeps_simplified() {
        DialogueEngine engine = engine(new FailingOrders());
        BotDecision first = say(engine, "我要退貨");
        assertThat(first.text()).contains("訂單號").doesNotContain("订单");
        assertThat(states.load(id).orElseThrow().script()).isEqualTo(ChineseScript.TRADITIONAL);
        // neutral and English messages keep the script; the English reply is left alone
        BotDecision english = say(engine, "thank you so much");
        assertThat(english.language()).isEqualTo("en");
        assertThat(english.text()).doesNotContainPattern("\\p{IsHan}");
        assertThat(states.load(id).orElseThrow().script()).isEqualTo(ChineseScript.TRADITIONAL);
        BotDecision handoff = say(engine, "轉人工");
        assertThat(handoff).isInstanceOf(BotDecision.Handoff.class);
        BotDecision.Handoff h = (BotDecision.Handoff) handoff;
        assertThat(h.text()).isEqualTo(TraditionalChinese.of(h.text()));
        // what the server and the agents read is not converted
        assertThat(h.intent()).isEqualTo("human_request");
        assertThat(h.reason()).isEqualTo("human_request");
        assertThat(h.context().language()).isEqualTo("zh");
        assertThat(h.context().summary()).contains("Last message: \"轉人工\"");
        // a Simplified message switches back
        BotDecision back = say(engine, "我的订单到哪了");
        assertThat(states.load(id).orElseThrow().script()).isEqualTo(ChineseScript.SIMPLIFIED);
        assertThat(back.text()).doesNotContain("訂單");
    }

    @Test
    void quick_replies_are_converted_and_order_numbers_left_as_they_are() {
        BotDecision.FlowStep step = new BotDecision.FlowStep("return_request", 0.9, "zh", "请提供您的订单号，或点选下方订单。",
                List.of("DD20261104004", "什么时候到？", "无法拍照"), "return_exchange", "ask_order");
        BotDecision.FlowStep traditional = (BotDecision.FlowStep) ReplyScript.in(ChineseScript.TRADITIONAL, step);
        assertThat(traditional.text()).isEqualTo("請提供您的訂單號，或點選下方訂單。");
        assertThat(traditional.quickReplies()).containsExactly("DD20261104004", "什麼時候到？", "無法拍照");
        assertThat(traditional.intent()).isEqualTo("return_request");
        assertThat(traditional.flow()).isEqualTo("return_exchange");
        assertThat(traditional.step()).isEqualTo("ask_order");
        assertThat(ReplyScript.in(ChineseScript.SIMPLIFIED, step)).isSameAs(step);
        HandoffContext card = new HandoffContext("Flow return_exchange stopped at ask_photo. Bot said: \"已为您转接\".",
                "human_request", 0, "neutral", 0.1, "zh", List.of(), java.util.Map.of(), List.of(), null);
        BotDecision.Handoff handoff = (BotDecision.Handoff) ReplyScript.in(ChineseScript.TRADITIONAL,
                new BotDecision.Handoff("human_request", 1.0, "zh", "已为您转接人工客服", List.of(), "human_request", 0,
                        Set.of("returns"), card));
        assertThat(handoff.text()).isEqualTo("已為您轉接人工客服");
        assertThat(handoff.context()).isSameAs(card);
        assertThat(handoff.skills()).containsExactly("returns");
        BotDecision.Answer english = new BotDecision.Answer("faq", 0.9, "en", "Refunds take 3-5 days.", List.of(), "x");
        assertThat(ReplyScript.in(ChineseScript.TRADITIONAL, english)).isSameAs(english);
    }

    @Test
    void a_preview_reads_the_dialogue_state_but_leaves_it_as_it_was() {
        DialogueEngine engine = engine(new FailingOrders());
        BotTurn start = new BotTurn(id, customer, Channel.REST, "我要退货", List.of(), null, List.of());
        BotDecision previewed = engine.preview(start);
        assertThat(previewed).isInstanceOf(BotDecision.FlowStep.class);
        // nothing stored: every bot-API call stored a dialogue state under a new random id, 7 days each
        assertThat(states.load(id)).isEmpty();
        say(engine, "我要退货");
        DialogueState before = states.load(id).orElseThrow();
        engine.preview(new BotTurn(id, customer, Channel.REST, "算了", List.of(), null, List.of()));
        assertThat(states.load(id).orElseThrow()).isEqualTo(before);
    }

    @Test
    void a_card_number_the_shopper_calls_an_order_is_masked_on_the_handoff_card() {
        DialogueEngine engine = engine(new FailingOrders());
        BotDecision d = say(engine, "订单号 4111111111111111 我要转人工");
        assertThat(d).isInstanceOf(BotDecision.Handoff.class);
        // a Luhn-valid card number called an order is looked up as one, but never shown in clear
        assertThat(((BotDecision.Handoff) d).context().entities().get("order_number")).containsExactly("****1111");
    }

    @Test
    void a_backend_failure_hands_off_with_a_full_context_card_and_logs_the_question_masked() {
        DialogueEngine engine = engine(new FailingOrders());
        say(engine, "你好");
        BotDecision d = say(engine, "我的订单 DD20261103003 到哪了？我电话 13800138000");
        assertThat(d).isInstanceOf(BotDecision.Handoff.class);
        BotDecision.Handoff h = (BotDecision.Handoff) d;
        assertThat(h.reason()).isEqualTo("backend_failure");
        assertThat(h.skills()).containsExactly("logistics");
        HandoffContext card = h.context();
        assertThat(card.intentPath()).containsExactly("greeting", "order_status");
        assertThat(card.entities().get("order_number")).containsExactly("DD20261103003");
        assertThat(card.entities().get("phone")).allMatch(p -> p.contains("****"));
        assertThat(card.summary()).contains("backend_failure").contains("order_status").doesNotContain("13800138000");
        assertThat(card.botActions()).contains("smalltalk:greeting", "handoff:backend_failure");
        assertThat(card.language()).isEqualTo("zh");
        List<UnansweredQuestion> logged = unanswered.recent(10);
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).text()).doesNotContain("13800138000").contains("DD20261103003");
        assertThat(logged.get(0).reason()).isEqualTo("backend_failure");
    }

    @Test
    void a_request_for_a_human_logs_the_question_behind_it_from_the_history() {
        DialogueEngine engine = engine(new FailingOrders());
        List<Message> history = List.of(Message.inbound(id, Channel.WEB_CHAT, "u-1", "你们支持分期免息吗？我邮箱 a.b@example.com", List.of(),
                CLOCK.instant()));
        BotDecision d = engine.decide(new BotTurn(id, customer, Channel.WEB_CHAT, "转人工", List.of(), null, history));
        assertThat(d.action()).isEqualTo("handoff");
        UnansweredQuestion logged = unanswered.recent(1).get(0);
        assertThat(logged.reason()).isEqualTo("human_request");
        assertThat(logged.text()).startsWith("你们支持分期免息吗").doesNotContain("a.b@example.com");
    }

    @Test
    void an_order_system_refusal_at_the_last_step_needs_a_human_decision() {
        Order paid = new Order("DD20261102002", "u-1", dev.concierge.bot.order.OrderStatus.PAID, 328.0, "CNY",
                List.of(new Order.OrderItem("S", "shoes", 1, 328.0)), "addr", CLOCK.instant(), null, null, null);
        DialogueEngine engine = engine(new FailingOrders() {
            @Override
            public Order order(String orderId) {
                return paid;
            }

            @Override
            public Order cancel(String orderId, String reason) {
                throw new OrderApiException(OrderApiException.Kind.REJECTED, "not_cancellable");
            }
        });
        assertThat(say(engine, "取消订单 DD20261102002").action()).isEqualTo("flow");
        BotDecision d = say(engine, "确认");
        assertThat(d).isInstanceOf(BotDecision.Handoff.class);
        BotDecision.Handoff h = (BotDecision.Handoff) d;
        assertThat(h.reason()).isEqualTo("needs_human_decision");
        assertThat(h.skills()).containsExactly("orders");
        assertThat(h.context().order().orderId()).isEqualTo("DD20261102002");
        assertThat(h.context().summary()).contains("Flow cancel_order stopped at confirm");
    }

    @Test
    void out_of_scope_questions_are_logged_for_curation() {
        DialogueEngine engine = engine(new FailingOrders());
        say(engine, "今天天气怎么样");
        assertThat(unanswered.recent(10)).extracting(UnansweredQuestion::reason).containsExactly("out_of_scope");
    }

    @Test
    void a_request_for_a_person_after_a_miss_does_not_log_the_miss_again() {
        DialogueEngine engine = engine(new FailingOrders());
        say(engine, "今天天气怎么样");
        assertThat(say(engine, "转人工")).isInstanceOf(BotDecision.Handoff.class);
        // it was logged as out_of_scope, then again as the question behind the human request
        assertThat(unanswered.recent(10)).extracting(UnansweredQuestion::reason).containsExactly("out_of_scope");
    }

    @Test
    void the_miss_that_hands_off_is_logged_once() {
        DialogueEngine engine = engine(new FailingOrders());
        say(engine, "blorp zing");
        BotDecision d = say(engine, "glorp zang");
        assertThat(d.action()).isEqualTo("handoff");
        // it was logged twice: as a miss, then by the handoff
        assertThat(unanswered.recent(10)).extracting(UnansweredQuestion::text).containsExactly("glorp zang",
                "blorp zing");
    }

    @Test
    void a_state_changed_by_another_node_is_not_overwritten() {
        DialogueEngine engine = engine(new FailingOrders());
        say(engine, "你好");
        DialogueState before = states.load(id).orElseThrow();
        DialogueState other = before.draft().build(CLOCK.instant());
        assertThat(states.save(id, other)).isTrue();
        // this engine now works from a state it loads itself, so it continues from the other node's version
        say(engine, "谢谢");
        assertThat(states.load(id).orElseThrow().version()).isEqualTo(before.version() + 2);
    }

    @Test
    void the_old_handoff_constructor_still_works_with_a_minimal_card() {
        BotDecision.Handoff h = new BotDecision.Handoff("human_request", 0.9, "en", "hold on", List.of(), "human_request",
                0, Set.of());
        assertThat(h.context().reason()).isEqualTo("human_request");
        assertThat(h.context().intentPath()).isEmpty();
    }

    @Test
    void settings_are_validated() {
        DialogueSettings d = DialogueSettings.defaults();
        assertThatThrownBy(() -> new DialogueSettings(1.5, 2, 2, true, true, true, true, 2, 0.6, Set.of(), 0, 7, 15))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialogueSettings(0.5, 2, 0, true, true, true, true, 2, 0.6, Set.of(), 0, 7, 15))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialogueSettings(0.5, 2, 2, true, true, true, true, 2, 0.6, Set.of(), 0, 15, 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.withVipTiers(Set.of(" Gold ")).isVip("gold")).isTrue();
        assertThat(d.lowConfidenceTurns()).isEqualTo(2);
    }

    /** An order API that is always down (no network involved). */
    private static class FailingOrders implements OrderApi {
        private static OrderApiException down() {
            return new OrderApiException(OrderApiException.Kind.UNAVAILABLE, "down");
        }

        @Override
        public Order order(String orderId) {
            throw down();
        }

        @Override
        public List<Order> recentOrders(String customerId, int limit) {
            throw down();
        }

        @Override
        public Tracking tracking(String orderId) {
            throw down();
        }

        @Override
        public AfterSaleTicket createAfterSale(AfterSaleRequest request) {
            throw down();
        }

        @Override
        public Order cancel(String orderId, String reason) {
            throw down();
        }

        @Override
        public Order changeAddress(String orderId, String newAddress) {
            throw down();
        }

        @Override
        public RefundInfo refundStatus(String orderId) {
            throw down();
        }
    }

    @Test
    void theBundledIntentsHaveEveryIntentThePolicyActsOnAndAThinModelIsFoundWanting() {
        assertThat(DialogueEngine.missingIntents(
                ((dev.concierge.bot.nlu.IntentModel) TestModels.understanding().intents()).labels())).isEmpty();
        assertThat(DialogueEngine.missingIntents(List.of("greeting", "order_status")))
                .contains("human_request", "return_request", "complaint").doesNotContain("greeting", "order_status");
    }
}
