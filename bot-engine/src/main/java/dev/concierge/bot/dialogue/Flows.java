package dev.concierge.bot.dialogue;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.HandoffContext;
import dev.concierge.bot.order.AfterSaleRequest;
import dev.concierge.bot.order.AfterSaleTicket;
import dev.concierge.bot.order.AfterSaleType;
import dev.concierge.bot.order.Order;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiException;
import dev.concierge.bot.order.OrderStatus;
import dev.concierge.bot.order.RefundInfo;
import dev.concierge.bot.order.Tracking;
import dev.concierge.bot.text.GuardedPattern;
import dev.concierge.bot.text.SimplifiedChinese;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.privacy.PersonalDataMasker;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guided flows: order status, delivery time, return/exchange, cancel order, change address, refund status.
 * Each is a small state machine over {@link DialogueState#step()} with its slots in {@link DialogueState#slots()}.
 * Order-API failures are not caught here: {@link OrderApiException} UNAVAILABLE propagates to the engine, which
 * apologises and hands off.
 */
final class Flows {
    static final String ORDER_STATUS = "order_status";
    static final String DELIVERY_TIME = "delivery_time";
    static final String RETURN_EXCHANGE = "return_exchange";
    static final String CANCEL_ORDER = "cancel_order";
    static final String CHANGE_ADDRESS = "change_address";
    static final String REFUND_STATUS = "refund_status";

    static final String ASK_ORDER = "ask_order";
    static final String ASK_REASON = "ask_reason";
    static final String ASK_PHOTO = "ask_photo";
    static final String OFFER = "offer_options";
    static final String CONFIRM = "confirm";
    static final String ASK_ADDRESS = "ask_address";
    static final String ASK_PHONE = "ask_phone";
    static final String DONE = "done";

    static final GuardedPattern DEFECT = GuardedPattern.of(
            "质量|坏|破|裂|损|瑕疵|故障|不能用|不工作|漏|划痕|污|脏|defect|broken|damaged|crack|faulty|doesn'?t work"
                    + "|not working|stopped working|scratch|torn|leak|stain"
                    // "the handle broke off", "it doesnt turn on"
                    + "|\\bbroke\\b|came off|fell off|snapped|(doesn'?t|does not|won'?t|will not|wont) (turn|switch|power) on"
                    + "|dead on arrival|打不开|开不了机|没反应|开线|脱线|开胶|掉色|褪色",
            Pattern.CASE_INSENSITIVE, "质量", "坏", "破", "裂", "损", "瑕疵", "故障", "不能用", "不工作", "漏", "划痕", "污",
            "脏", "defect", "broken", "damaged", "crack", "faulty", "doesn", "not working", "stopped working", "scratch",
            "torn", "leak", "stain", "broke", "came off", "fell off", "snapped", "does not", "won", "will not", "wont",
            "dead on arrival", "打不开", "开不了机", "没反应", "开线", "脱线", "开胶", "掉色", "褪色");
    /** A reason for a return that is not a defect, stated in the message that starts the flow ("too small"). */
    static final GuardedPattern STATED_REASON = GuardedPattern.of(
            "发错|错发|寄错|买错|拍错|不合适|不合身|太大|太小|偏大|偏小|尺码|尺寸不|不喜欢|不想要|不要了|色差|颜色不"
                    + "|与描述不符|和描述不符|跟描述不符|货不对板|wrong (item|size|colou?r|one|product)"
                    + "|too (big|small|large|tight|loose|short|long)|(doesn'?t|didn'?t|does not|did not) fit"
                    + "|changed my mind|change of mind|don'?t (want|like|need) (it|them)|not as described"
                    + "|ordered the wrong|sent (me )?the wrong"
                    // an exchange for another size says why: "exchange it for a bigger size", "换大一码"
                    + "|(bigger|smaller|larger|different|another|other) size|size (up|down)|大一[码号]|小一[码号]",
            Pattern.CASE_INSENSITIVE, "发错", "错发", "寄错", "买错", "拍错", "不合", "太大", "太小", "偏大", "偏小", "尺码",
            "尺寸不", "不喜欢", "不想要", "不要了", "色差", "颜色不", "描述不符", "货不对板", "wrong", "too ", "fit", "mind",
            "don", "not as described", "size", "大一", "小一");
    /** The shopper cannot send a photo of the defect (no camera, camera broken): the warehouse inspects it instead. */
    static final GuardedPattern NO_PHOTO = GuardedPattern.of(
            "(没有|没|无法|不能|没法|拍不了|不会)(相机|照相|拍照|拍|照片|图片)|拍不了|发不了(照片|图)"
                    + "|no (camera|photo|picture|pic)"
                    + "|(can'?t|cannot|unable to|not able to) (take|send|upload|make) (a |any )?(photo|picture|pic)"
                    + "|(don'?t|do not) have (a |any )?(camera|photo|picture|pic)|without (a )?(photo|picture)"
                    + "|skip (the )?(photo|picture)|camera (is |'s )?(broken|not working)",
            Pattern.CASE_INSENSITIVE, "相机", "照相", "拍", "照片", "图片", "发不了", "camera", "photo", "picture",
            "pic");
    /** A question rather than an answer: "退款多久到账？", "how long does the refund take". */
    static final Pattern QUESTION = Pattern.compile(
            "[?？]|吗|呢|多久|多长时间|什么时候|几天|怎么|如何|为什么|是否|谁|哪里|哪儿|多少"
                    + "|^(how|when|what|why|where|which|who|will|would|can|could|do|does|is|are|should)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A question that still chooses at the offer step: "可以换货吗？", "can I get a refund instead?". */
    private static final Pattern CHOICE_QUESTION = Pattern.compile(
            "^(那|那么)?(我)?(可以|能|能不能|可不可以|想)?(直接)?(换货|退货|退款|换一个|换个新的|退)(吗|吧|呢|可以吗|行吗)?[?？]?$"
                    + "|^(ok |so )?(can|could|may) i (just )?(get |have |do |make )?(an? )?(exchange|return|refund)"
                    + "( it| them| instead| please)*[?]?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHOOSE_RETURN = Pattern.compile("退货|退款|无理由|^退$|\\breturn\\b|\\brefund\\b|7.?day",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHOOSE_EXCHANGE = Pattern.compile("换货|换一|换个|^换$|exchange|replace",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YES = Pattern.compile(
            // short acknowledgements ("对的", "行", "可以的") are ShortReplies.AFFIRM, which confirm() also accepts
            "^(确认.*|确定(取消|修改|的|吧|了)?|是的?|对|好的?|可以|没问题|嗯+|yes|y|yeah|yep|ok|okay|sure"
                    + "|confirm.*|go ahead|please do)[。.!！]*$",
            Pattern.CASE_INSENSITIVE);
    /** The parcel shows as delivered but the shopper does not have it. */
    static final GuardedPattern NOT_RECEIVED = GuardedPattern.of(
            "(签收|送达|妥投).{0,12}(没|未|没有)(收到|拿到|见到)|(没|未|没有)(收到|拿到).{0,8}(签收|送达)"
                    + "|(says|shows|marked|showing)( as| it)?( was)? delivered.{0,30}(never|not|didn'?t|haven'?t)"
                    + "|never (got|received|arrived)|(didn'?t|did not|haven'?t|have not) (get|got|receive|received) (it|the parcel|the package|my)",
            Pattern.CASE_INSENSITIVE, "签收", "送达", "妥投", "收到", "拿到", "delivered", "never", "didn", "did not",
            "haven", "have not");
    /** "我没收到", "never got it": not having the parcel, said of an order already shown as delivered. */
    private static final GuardedPattern DID_NOT_GET = GuardedPattern.of(
            "(没|未|没有|还没有?|并没有?)(收到|拿到)|never (got|received|arrived)"
                    + "|(didn'?t|did not|haven'?t|have not) (get|got|receive|received)",
            Pattern.CASE_INSENSITIVE, "收到", "拿到", "never", "didn", "did not", "haven", "have not");

    /**
     * Whether the shopper says they do not have the order the conversation just showed as delivered ("可是我没收到啊"
     * after "DD… 已签收"), without naming another.
     */
    static boolean notReceivedAfterDelivered(Turn turn, DialogueState.Draft d) {
        return d.lastOrder != null && d.lastOrder.orderId().equals(d.lastOrderId)
                && OrderStatus.DELIVERED.wireName().equals(d.lastOrder.status())
                && turn.entities().orderNumbers().isEmpty() && DID_NOT_GET.find(turn.text());
    }

    /** Answers to "why?" that give none: punctuation, laughter, "不知道", "idk". */
    private static final Pattern NO_REASON_GIVEN = Pattern.compile(
            "[\\p{Punct}\\p{IsPunctuation}\\s]*|[哈呵嘿嘻]+[!！。.~～]*|(不知道|不清楚|不晓得|idk|dunno|lol|haha+|hmm+)[!！。.~～]*",
            Pattern.CASE_INSENSITIVE);
    /** Letters of one keyboard row typed across ("asdfgh", "qwerty"): a mashed key row, not a word. */
    private static final List<String> KEY_ROWS = List.of("qwertyuiop", "asdfghjkl", "zxcvbnm");
    /**
     * Whether the lower-case text has words besides the shop's request words ("where is my order?", "我想修改收货地址"
     * have none): only then is the order API asked which recent order has such an item. It was asked on every
     * request without an order number, each call a JSON round trip (more CPU per message under load:
     * docs/benchmarks/load.md, 2026-11-24 02:15).
     */
    static boolean mayNameAnItem(String lowerText) {
        String rest = REQUEST_WORDS.matcher(lowerText).replaceAll(" ");
        int han = 0;
        int latin = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            han = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? han + 1 : 0;
            latin = c >= 'a' && c <= 'z' ? latin + 1 : 0;
            if (han >= 2 || latin >= 4) {
                return true;
            }
        }
        return false;
    }

    /** The words of shop requests, which name no item (see {@link #mayNameAnItem}). */
    private static final Pattern REQUEST_WORDS = Pattern.compile(
            "我的|我想|我要|请|帮我|帮忙|一下|订单|快递|包裹|物流|到哪了|到哪|在哪|哪里|什么时候|到了吗|到没|发货|怎么样了|进度"
                    + "|退货|退款|换货|取消|修改|地址|收货|申请|怎么|如何|可以|能不能|查询|东西|商品|一个|这个|那个|买的|坏了|收到"
                    + "|\\b(?:where|when|what|how|is|are|was|did|does|do|my|the|an?|order|orders|parcel|package|shipment|delivery"
                    + "|status|of|it|want|to|return|refund|exchange|cancel|change|address|please|can|could|will|arrive[sd]?"
                    + "|shipped|delivered|get|help|me|with|for|this|that|about|and|track|tracking|item|thing|stuff|you|your"
                    + "|need|would|like|send|back|update|time|long|take|still|yet|has|have|not|been|just)\\b");
    /** Recent orders an item named in a message is looked up among; a longer text (a pasted e-mail) is not. */
    private static final int ITEM_ORDERS = 10;
    private static final int MAX_ITEM_TEXT = 200;
    /** "算了，我还是换货吧", "actually I'd rather exchange it": the same request, the other option. */
    static final Pattern SWITCH_OPTION = Pattern.compile(
            "(算了|还是|改成|改为|不如|actually|instead|rather|change (it )?to).{0,8}(换货|换一个|换个新的|退货|退款|exchange|return|refund)"
                    + "|(换货|退货|exchange|return|refund|replacement) instead",
            Pattern.CASE_INSENSITIVE);
    /** The words of each flow's request, to tell which of several named orders it is about. */
    private static final Map<String, Pattern> ACTION_WORDS = Map.of(
            RETURN_EXCHANGE, Pattern.compile("退货|退掉|退回|换货|换一|退款|\\breturn|send (it |this )?back|exchange|refund|replace",
                    Pattern.CASE_INSENSITIVE),
            CANCEL_ORDER, Pattern.compile("取消|不要了|cancel|call off", Pattern.CASE_INSENSITIVE),
            CHANGE_ADDRESS, Pattern.compile("地址|address|ship (it )?to|deliver (it )?to", Pattern.CASE_INSENSITIVE),
            REFUND_STATUS, Pattern.compile("退款|refund", Pattern.CASE_INSENSITIVE));
    /** Clause boundaries of a message that asks two things: punctuation, "and", "also", "另外", "还有". */
    private static final Pattern CLAUSES = Pattern.compile(
            "[，,。.;；?？!！\\n]+|\\s+(?:and|also|plus|then)\\s+|另外|还有|顺便", Pattern.CASE_INSENSITIVE);
    /** "第一个…", "the first one …": the first of the orders named. */
    private static final Pattern FIRST = Pattern.compile("第一个|第1个|前一个|前面那个|the first|the former",
            Pattern.CASE_INSENSITIVE);
    /** "第二个…", "the second one …": the second of the orders named. */
    private static final Pattern SECOND = Pattern.compile("第二个|第2个|后一个|后面那个|the second|the latter",
            Pattern.CASE_INSENSITIVE);
    /** Words that ask an order's state, besides "where is": "发货了吗", "status of". */
    private static final Pattern STATUS_WORDS = Pattern.compile("发货|到了吗|状态|进度|物流|\\bstatus\\b|shipped|arrive",
            Pattern.CASE_INSENSITIVE);
    /** Slots: the new address (and phone) given with an address-change request, before the order was known. */
    private static final String GIVEN_ADDRESS = "given_address";
    private static final String GIVEN_PHONE = "given_phone";
    /** Slot: the order the shopper's "other order" is not, left out of the orders offered. */
    static final String OTHER_THAN = "other_than";
    /** Slot: the shopper said the parcel shows as delivered but they do not have it. */
    private static final String NOT_RECEIVED_SLOT = "not_received";
    /** Our mistake, not the shopper's choice: wrong or missing item. */
    private static final GuardedPattern OUR_MISTAKE = GuardedPattern.of(
            "发错|错发|寄错|漏发|少发|货不对板|描述不符|wrong (item|size|colou?r|one|product)|sent (me )?the wrong|missing|not as described",
            Pattern.CASE_INSENSITIVE, "发错", "错发", "寄错", "漏发", "少发", "货不对板", "描述不符", "wrong", "missing",
            "not as described");
    /** A number on its own ("4", "#2", "（3）"). */
    static final Pattern BARE_NUMBER = Pattern.compile("[#(（]?\\s*[0-9０-９]{1,3}\\s*[.)、。）]?");
    /** The shopper does not have the order number at hand. */
    private static final GuardedPattern DONT_KNOW_ORDER = GuardedPattern.of(
            "^(我)?(忘了|忘记了?|不记得了?|不知道|找不到|没有订单号)|(don'?t|do not) (know|remember|have) (it|the (order )?number)|forgot|can'?t find (it|the)"
                    // "在哪里看订单号" got the refund-progress answer
                    + "|(在)?(哪里?|哪儿|什么地方|怎么)(能|可以)?(看|找|查)(到)?(订单号|单号)|订单号(在哪|是什么|怎么看|怎么找)"
                    + "|where (do|can) i (find|see|get) (my|the|an) order (number|no|id)|what(?:'s| is) (my|the) order number",
            Pattern.CASE_INSENSITIVE, "忘", "不记得", "不知道", "找不到", "没有订单号", "know", "remember", "have",
            "forgot", "find", "订单号", "单号", "order number", "order no", "order id");
    /** English words only, none of them an acronym or code ("Arrived at hub", "T-shirt"; not "SF Express"). */
    private static final Pattern PLAIN_ENGLISH = Pattern.compile("(?:[A-Z]?[a-z'\\-]+|[A-Z](?![A-Za-z]))(?:[ \\-](?:[A-Z]?[a-z'\\-]+|[A-Z](?![A-Za-z])))*");
    /** Bot action recording a filed after-sale request: {@code after_sale:ORDER:TICKET:TYPE}. */
    private static final String AFTER_SALE = "after_sale:";
    /** The order or address is to stay as it is: "ok never mind, keep the order", "不取消了，留着吧". */
    static final GuardedPattern KEEP_IT = GuardedPattern.of(
            "\\bkeep (it|the order|my order|the address|it as it is)\\b|\\bdon'?t cancel\\b|不取消了?|不用取消|先留着|保留订单|不改了|地址不改",
            Pattern.CASE_INSENSITIVE, "keep", "don", "不取消", "不用取消", "留着", "保留订单", "不改", "地址不改");
    /** The new address inside an address-change request: "… to 88 Nanjing Road, …", "…改成上海市…", "…改到…". */
    private static final Pattern NEW_ADDRESS = Pattern.compile(
            "(?:address(?: (?:of|on|for) (?:order )?[A-Za-z0-9#\\-]+)?(?: to| is)|ship (?:it |them )?to|deliver (?:it )?to|send (?:it )?to"
                    + "|改成|改为|改到|换成|寄到|送到)[:：]?\\s*(.+)$",
            Pattern.CASE_INSENSITIVE);
    /** What comes before a corrected address: "地址写错了，是…", "应该是…", "it's …", "should be …". */
    private static final Pattern CORRECTED_ADDRESS = Pattern.compile(
            "(?:应该是|改成|改为|换成|是|\\b(?:it'?s|it is|should be|make it|change it to|(?:i )?meant|to)\\b)[:：]?\\s*(\\S.+)$",
            Pattern.CASE_INSENSITIVE);
    /** A position in the list of quick replies: "2", "#2", "第二个", "the second one". */
    private static final Pattern PICK = Pattern.compile(
            "^(?:#|第)?([1-3一二三])(?:个|个吧|个订单)?[.。、)]?$|^(?:the )?(first|second|third)(?: one)?[.!]?$",
            Pattern.CASE_INSENSITIVE);
    /** The order is to be cancelled, said with the word itself: "取消吧", "cancel it". */
    private static final Pattern CANCEL_IT = Pattern.compile(
            "^(是的?[，,]?\\s*)?(取消|取消吧|取消掉|取消掉吧|取消订单|取消它|帮我取消|yes,? )?"
                    + "(取消|取消吧|取消掉|取消掉吧|取消订单|取消它|帮我取消|cancel|cancel it|cancel the order|cancel order"
                    + "|please cancel( it)?)[。.!！]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO = Pattern.compile(
            "^(不.*|否|no|no\\b(?!.*cancel).*|nope.*|n|keep.*|don'?t.*|not now)[。.!！]*$", Pattern.CASE_INSENSITIVE);
    static final GuardedPattern RECENT = GuardedPattern.of("最近|最新|上一个|刚买|latest|recent|last order|most recent",
            Pattern.CASE_INSENSITIVE, "最近", "最新", "上一个", "刚买", "latest", "recent", "last order");
    /** A reply to "what phone number?" that is digits and separators only, but not a number the extractor knows. */
    private static final Pattern PHONE_ATTEMPT = Pattern.compile("[+(]?[0-9][0-9 ()\\-.]{2,}[0-9]");
    /** A local mobile number of Hong Kong or Macau, eight digits from 4 to 9 ("9123 4567"), the whole answer. */
    private static final Pattern LOCAL_EIGHT_DIGITS = Pattern.compile("([4-9][0-9]{3})[ \\-]?([0-9]{4})");
    private static final Pattern ADDRESS_HINT = Pattern.compile(
            "省|市|区|县|路|街|号|弄|镇|村|栋|室|\\bstreet\\b|\\bst\\b|\\broad\\b|\\brd\\b|\\bave(nue)?\\b|\\bapt\\b"
                    + "|\\bblvd\\b|\\blane\\b|\\bfloor\\b|\\bsuite\\b|\\bdrive\\b",
            Pattern.CASE_INSENSITIVE);

    private static final PersonalDataMasker MASKER = new PersonalDataMasker();
    /** Orders looked up for one message that names several ("where are DD… and DD…?"). */
    static final int MAX_ORDERS_AT_ONCE = 3;

    private final OrderApi orders;
    private final DialogueSettings settings;
    private final Handoffs handoffs;
    private final Clock clock;

    Flows(OrderApi orders, DialogueSettings settings, Handoffs handoffs, Clock clock) {
        this.orders = orders;
        this.settings = settings;
        this.handoffs = handoffs;
        this.clock = clock;
    }

    /** Starts {@code flow} for this turn, using an order number from the text or the conversation if there is one. */
    BotDecision start(String flow, Turn turn, DialogueState.Draft d) {
        return start(flow, turn, d, Optional.empty());
    }

    /**
     * As {@link #start(String, Turn, DialogueState.Draft)}, with the order the message names by its item when the
     * caller has already looked it up ({@link #orderNamedByItem}): the order API is not asked twice.
     */
    BotDecision start(String flow, Turn turn, DialogueState.Draft d, Optional<Order> namedByItem) {
        boolean notReceived = NOT_RECEIVED.find(turn.text())
                || d.lastAction().equals("faq:delivery_marked_not_received") || notReceivedAfterDelivered(turn, d);
        d.enter(flow, ASK_ORDER);
        if (!d.otherThan.isEmpty()) {
            d.slots.put(OTHER_THAN, d.otherThan);
        }
        if (notReceived) {
            // "物流显示签收了但我没收到", the order number coming in the next message
            d.slots.put(NOT_RECEIVED_SLOT, "yes");
        }
        if (turn.prediction().intent().equals("exchange_request")) {
            d.slots.put("preferred", "exchange");
        }
        if (flow.equals(RETURN_EXCHANGE) && (DEFECT.find(turn.text()) || STATED_REASON.find(turn.text()))) {
            d.slots.put("reason", turn.said());
        }
        if (flow.equals(CHANGE_ADDRESS)) {
            // "请帮我把地址改成上海市…" before the order is known: kept for when it is (it was asked for again)
            givenAddress(turn).ifPresent(address -> d.slots.put(GIVEN_ADDRESS, address));
            turn.entities().phones().stream().findFirst().ifPresent(phone -> d.slots.put(GIVEN_PHONE, phone));
        }
        if ((flow.equals(RETURN_EXCHANGE) || flow.equals(CANCEL_ORDER))
                && settings.isVip(turn.raw().customer().vipTier())) {
            return handoffs.handoff(turn, d, Handoffs.VIP, flow,
                    turn.t("您是我们的尊贵会员，", "As a valued member, you get a dedicated agent for this. "));
        }
        List<String> named = turn.entities().orderNumbers();
        if (named.size() > 1 && (flow.equals(ORDER_STATUS) || flow.equals(DELIVERY_TIME))) {
            return severalOrders(named, turn, d);
        }
        Optional<String> orderId = turn.entities().firstOrderNumber();
        String lead = "";
        if (named.size() > 1 && ACTION_WORDS.containsKey(flow)) {
            // "where is DD…3 and can I return DD…4?": the return is for DD…4, and DD…3's status comes first (the
            // return was checked against DD…3, and the question about it dropped)
            orderId = Optional.of(orderForAction(flow, turn.text(), named));
            lead = statusOfTheOthers(orderId.get(), turn, named);
        }
        if (!lead.isEmpty()) {
            return withLead(lead, withOrder(orderId.get(), turn, d));
        }
        if (orderId.isEmpty() && d.otherThan.isEmpty()) {
            // "how do I return my kettle?": the order found by its item (before the one the conversation was about:
            // "can I return my T-shirt?" after the thermos cup's status), named back, as the shopper did not
            Optional<Order> byItem = namedByItem.isPresent() ? namedByItem
                    : orderNamedByItem(turn.raw().customer().id().value(), turn.text(), fitting(flow));
            if (byItem.isPresent()) {
                String id = byItem.get().orderId();
                BotDecision decision = withOrder(id, turn, d);
                String items = itemNames(byItem.get());
                return decision.text().contains(id) ? decision : withLead(turn.t("找到订单 " + id + "（"
                        + chinesePart(items) + "）。", "Found order " + id + " (" + englishPart(items) + "). "), decision);
            }
        }
        if (orderId.isEmpty() && !d.lastOrderId.isEmpty()) {
            orderId = Optional.of(d.lastOrderId);
        }
        if (orderId.isEmpty() && !d.otherThan.isEmpty()) {
            orderId = otherMentioned(d);
        }
        return orderId.isPresent() ? withOrder(orderId.get(), turn, d) : askOrder(turn, d, false);
    }

    /** The turn's answer to the current step, or empty when the text does not answer it (the engine re-prompts). */
    Optional<BotDecision> proceed(Turn turn, DialogueState.Draft d) {
        return switch (d.step) {
            case ASK_ORDER -> {
                Optional<String> id = turn.entities().firstOrderNumber();
                if (id.isEmpty() && RECENT.find(turn.text())) {
                    List<Order> recent = orders.recentOrders(turn.raw().customer().id().value(), 1);
                    id = recent.stream().findFirst().map(Order::orderId);
                }
                if (id.isEmpty()) {
                    // "the thermos one", "保温杯那个": the recent order whose item it names, as when the flow
                    // started with it ("the thermos one" read as an exchange and left the order-status flow)
                    id = orderNamedByItem(turn.raw().customer().id().value(), turn.text(), fitting(d.flow))
                            .map(Order::orderId);
                }
                int picked = id.isEmpty() ? pickedPosition(turn.text()) : 0;
                if (picked > 0) {
                    // "3", "第二个", "the first one": that one of the orders offered below the question
                    List<String> offered = offeredOrders(turn, d);
                    id = picked <= offered.size() ? Optional.of(offered.get(picked - 1)) : Optional.empty();
                }
                if (id.isEmpty() && BARE_NUMBER.matcher(turn.text().strip()).matches()) {
                    // "4" with three orders offered: the question again, not an FAQ answer for a digit
                    yield Optional.of(repromptOrHandOff(turn, d));
                }
                if (id.isEmpty() && DONT_KNOW_ORDER.find(turn.text())) {
                    // "忘了" got the password-reset answer
                    yield Optional.of(withLead(turn.t("订单号可以在“我的订单”中查看（以DD开头）。",
                            "You'll find the order number under My Orders (it starts with DD). "), askOrder(turn, d, false)));
                }
                yield id.map(orderId -> withOrder(orderId, turn, d));
            }
            case ASK_REASON -> {
                String text = turn.text().strip();
                if (text.length() < 2 && turn.raw().attachments().isEmpty() || namesAnotherOrder(turn, d)
                        || turn.raw().attachments().isEmpty() && notAReason(text)) {
                    yield Optional.empty();
                }
                if (QUESTION.matcher(text).find() && !DEFECT.find(text) && !STATED_REASON.find(text)) {
                    // "退货运费谁出？", "where is my other order?" ask something and give no reason: the engine
                    // answers them (or leaves the flow for them) and asks again; one became the reason and a single
                    // tap then filed the request
                    yield Optional.empty();
                }
                d.slots.put("reason", text.isEmpty() ? "photo" : turn.said());
                yield Optional.of(afterReason(turn, d));
            }
            case ASK_PHOTO -> {
                if (photoFrom(turn, d)) {
                    yield Optional.of(offer(turn, d, false));
                }
                if (!NO_PHOTO.find(turn.text())) {
                    yield Optional.empty();
                }
                // no photo to be had: the request goes ahead and says so, and the warehouse checks the item
                d.slots.put("photo_unavailable", "true");
                yield Optional.of(offer(turn, d, false));
            }
            case OFFER -> chooseOption(turn, d);
            case CONFIRM -> confirm(turn, d);
            case ASK_ADDRESS -> {
                String text = turn.text().strip();
                if (!looksLikeAddress(text)) {
                    yield Optional.empty();
                }
                if (!turn.entities().phones().isEmpty()) {
                    // the phone goes in its own slot, shown masked; the address keeps the rest ("张三" stays)
                    String phone = turn.entities().phones().get(0);
                    d.slots.put("address", withoutPhone(turn.said(), phone));
                    d.slots.put("phone", phone);
                    yield Optional.of(confirmAddress(turn, d));
                }
                d.slots.put("address", turn.said());
                d.moveTo(ASK_PHONE);
                yield Optional.of(step(turn, d, turn.t("好的。请提供新地址的收件人手机号。",
                        "Got it. What phone number should the courier call at the new address?"), List.of()));
            }
            case ASK_PHONE -> {
                Optional<String> corrected = correctedAddress(turn);
                if (corrected.isPresent()) {
                    // "等下，地址写错了，是世纪大道200号": the new address replaces the one given (it was ignored,
                    // and the old one came back for confirmation)
                    d.slots.put("address", corrected.get());
                    if (turn.entities().phones().isEmpty()) {
                        yield Optional.of(step(turn, d, turn.t("好的，地址已更新为：" + corrected.get()
                                + "。请提供新地址的收件人手机号。", "OK, the address is now " + corrected.get()
                                + ". What phone number should the courier call at the new address?"), List.of()));
                    }
                    d.slots.put("phone", turn.entities().phones().get(0));
                    yield Optional.of(confirmAddress(turn, d));
                }
                Matcher local = LOCAL_EIGHT_DIGITS.matcher(turn.text().strip());
                if (turn.entities().phones().isEmpty() && local.matches()) {
                    // "9123 4567": a Hong Kong or Macau mobile number, asked for here, so no other number
                    // (re-prompted again and again for an 11-digit one)
                    d.slots.put("phone", local.group(1) + local.group(2));
                    yield Optional.of(confirmAddress(turn, d));
                }
                if (turn.entities().phones().isEmpty()) {
                    if (!PHONE_ATTEMPT.matcher(turn.text().strip()).matches()) {
                        yield Optional.empty();
                    }
                    // digits that are not a whole phone number ("555-1234"): the step's question again, before a
                    // rating intent ("5") or anything else can read them and drop the flow
                    yield Optional.of(repromptOrHandOff(turn, d));
                }
                d.slots.put("phone", turn.entities().phones().get(0));
                yield Optional.of(confirmAddress(turn, d));
            }
            default -> Optional.empty();
        };
    }

    /**
     * Whether the text is one of the fixed answers the current step offers as quick replies: a tapped 质量问题
     * ("Defective or damaged") answers the reason step and must not be read as a complaint.
     */
    boolean isOfferedReply(Turn turn, DialogueState.Draft d) {
        if (d.step.equals(ASK_PHOTO) && hasPhoto(turn)) {
            // the photo asked for, whatever caption came with it ("[图片]" read as a complaint and handed off)
            return true;
        }
        List<String> offered = switch (d.step) {
            case ASK_REASON -> reasonReplies(turn);
            case ASK_PHOTO -> photoReplies(turn);
            case CONFIRM -> yesNo(turn);
            default -> List.of();
        };
        String text = turn.text().strip();
        return offered.stream().anyMatch(text::equalsIgnoreCase);
    }

    /** Whether an option switch ({@link #SWITCH_OPTION}) asks for an exchange (else a return). */
    static boolean switchesToExchange(String text) {
        return CHOOSE_EXCHANGE.matcher(text).find();
    }

    /** "cancel it", "取消吧": the whole message says to cancel, and nothing else. */
    static boolean saysCancel(String text) {
        return CANCEL_IT.matcher(text.strip()).matches();
    }

    /**
     * "取消" / "cancel it" answering "Cancel order DD…?": yes, cancel the order. Anywhere else the word stops the
     * current flow; here that read as "cancelled" to the shopper while the order stayed as it was.
     */
    static boolean cancelMeansYes(Turn turn, DialogueState.Draft d) {
        return d.flow.equals(CANCEL_ORDER) && d.step.equals(CONFIRM) && saysCancel(turn.text());
    }

    /**
     * The message names an order other than the one this flow is about ("where is DD20261103003?" while a return of
     * DD20261104004 asks for its reason): another topic, not an answer to the step.
     */
    static boolean namesAnotherOrder(Turn turn, DialogueState.Draft d) {
        String current = d.slots.get("order_id");
        List<String> named = turn.entities().orderNumbers();
        return current != null && !named.isEmpty() && !named.contains(current);
    }

    /** The step's question again, or an agent once the shopper has been asked more than {@code maxReprompts} times. */
    BotDecision repromptOrHandOff(Turn turn, DialogueState.Draft d) {
        d.reprompts++;
        if (d.reprompts > settings.maxReprompts()) {
            return handoffs.handoff(turn, d, Handoffs.LOW_CONFIDENCE, d.flow, "");
        }
        return reprompt(turn, d);
    }

    /**
     * The answer to a side question asked in the middle of a flow ("退款多久到账" while choosing between return and
     * exchange), followed by the current step's question: the flow stays where it was.
     */
    BotDecision afterSideAnswer(Turn turn, DialogueState.Draft d, String answer) {
        return ask(turn, d, answer + turn.t("\n\n回到刚才的问题：", "\n\nBack to your request: "));
    }

    /** Asks again for what the current step needs. */
    private BotDecision reprompt(Turn turn, DialogueState.Draft d) {
        return ask(turn, d, null);
    }

    /**
     * The step's question: after {@code lead}, or with null as a re-prompt ("Sorry, I didn't catch that."). Not counted
     * as a re-prompt.
     */
    BotDecision ask(Turn turn, DialogueState.Draft d, String lead) {
        String sorry = lead != null ? lead : turn.t("抱歉，我没有识别到需要的信息。", "Sorry, I didn't catch that. ");
        return switch (d.step) {
            case ASK_ORDER -> lead == null ? askOrder(turn, d, true) : withLead(lead, askOrder(turn, d, false));
            case ASK_REASON -> step(turn, d, sorry + reasonPrompt(turn), reasonReplies(turn));
            case ASK_PHOTO -> step(turn, d, (lead != null ? lead
                    : turn.t("抱歉，我还没有收到照片。", "Sorry, I haven't received a photo yet. "))
                    + photoRequest(turn) + turn.t("如果无法拍照，请告诉我。", " If you can't take one, just tell me."),
                    photoReplies(turn));
            case OFFER -> lead == null ? offer(turn, d, true) : withLead(lead, offer(turn, d, true));
            case CONFIRM -> step(turn, d, sorry + confirmedWhat(turn, d)
                    + turn.t("请回复“确认”或“不了”。", "Please reply \"confirm\" or \"no\"."), yesNo(turn));
            case ASK_ADDRESS -> step(turn, d, sorry + turn.t("请发送完整的新地址，包括省市区、街道和门牌号。",
                    "Please send the full new address: street, number, city."), List.of());
            case ASK_PHONE -> step(turn, d, sorry + turn.t("请提供收件人手机号码，例如 13800138000。",
                    "Please send a phone number, e.g. +1 415 555 0100 or 13800138000."), List.of());
            default -> step(turn, d, sorry, List.of());
        };
    }

    /** The decision with {@code lead} in front of its text, when it is a flow step (a handoff keeps its own). */
    static BotDecision withLead(String lead, BotDecision decision) {
        if (!(decision instanceof BotDecision.FlowStep s)) {
            return decision;
        }
        return new BotDecision.FlowStep(s.intent(), s.confidence(), s.language(), lead + s.text(), s.quickReplies(),
                s.flow(), s.step());
    }

    // --- identifying the order

    /** The states of the orders the flow can act on; empty when it takes any. */
    static Set<OrderStatus> fitting(String flow) {
        return switch (flow) {
            case RETURN_EXCHANGE -> EnumSet.of(OrderStatus.DELIVERED);
            case CANCEL_ORDER, CHANGE_ADDRESS -> EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID);
            case REFUND_STATUS -> EnumSet.of(OrderStatus.REFUNDING, OrderStatus.REFUNDED);
            default -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** Whether an order in {@code status} is one the flow can do something with (its quick replies). */
    static boolean fits(String flow, OrderStatus status) {
        Set<OrderStatus> fitting = fitting(flow);
        return fitting.isEmpty() || fitting.contains(status);
    }

    private BotDecision askOrder(Turn turn, DialogueState.Draft d, boolean again) {
        d.moveTo(ASK_ORDER);
        List<String> recent = offeredOrders(turn, d);
        // "pick one below" only when there is something below
        String text = again
                ? turn.t("抱歉，没有识别到订单号。请发送订单号（如 DD20261101001）" + (recent.isEmpty() ? "。" : "，或点选下方订单。"),
                        "Sorry, I didn't find an order number. Please send it (e.g. DD20261101001)"
                                + (recent.isEmpty() ? "." : " or pick one below."))
                : turn.t("请提供您的订单号（如 DD20261101001）" + (recent.isEmpty() ? "。" : "，或点选下方最近的订单。"),
                        "Which order is it? Send the order number (e.g. DD20261101001)"
                                + (recent.isEmpty() ? "." : " or pick a recent order below."));
        return step(turn, d, text, recent);
    }

    /**
     * A tracking number none of the shopper's recent orders carries: said so, and the order asked for (with the recent
     * orders to pick), in {@code flow} (the one waiting for its order, or the one the message asks for).
     */
    BotDecision trackingNumberNotFound(Turn turn, DialogueState.Draft d, String flow, String tracking) {
        if (!d.inFlowNow()) {
            d.enter(flow, ASK_ORDER);
        }
        d.moveTo(ASK_ORDER);
        List<String> recent = offeredOrders(turn, d);
        String number = tracking.toUpperCase(java.util.Locale.ROOT);
        return step(turn, d, turn.t("您最近的订单里没有找到运单号 " + number + "。请核对运单号，或发送订单号（如 DD20261101001）"
                        + (recent.isEmpty() ? "。" : "，或点选下方订单。"),
                "I couldn't find tracking number " + number + " on your recent orders. Please check it, or send the"
                        + " order number (e.g. DD20261101001)" + (recent.isEmpty() ? "." : " or pick an order below.")),
                recent);
    }

    /** An after-sale request this conversation filed: its ticket id, and whether it is an exchange (else a return). */
    record Filed(String ticket, boolean exchange) {
    }

    /** The after-sale request this conversation filed last for the order. */
    static Optional<Filed> filedAfterSale(DialogueState.Draft d, String orderId) {
        String prefix = AFTER_SALE + orderId + ":";
        for (int i = d.botActions.size() - 1; i >= 0; i--) {
            if (d.botActions.get(i).startsWith(prefix)) {
                String[] ticketAndType = d.botActions.get(i).substring(prefix.length()).split(":", 2);
                return Optional.of(new Filed(ticketAndType[0], ticketAndType[1].equals("exchange")));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the answer at the reason step says nothing: "。。。", "哈哈哈", "不知道", or a mashed key row ("asdfgh").
     * They were taken as the reason and sent to the warehouse.
     */
    static boolean notAReason(String text) {
        if (NO_REASON_GIVEN.matcher(text).matches()) {
            return true;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.length() >= 5 && lower.chars().allMatch(c -> c >= 'a' && c <= 'z')
                && KEY_ROWS.stream().anyMatch(row -> lower.chars().allMatch(c -> row.indexOf(c) >= 0))
                && lower.chars().distinct().count() >= 4;
    }

    /**
     * "The other one" after two orders were talked about: the latest order number the conversation named that is
     * not the one it was just about (one the masker starred, such as a card number, is none).
     */
    private static Optional<String> otherMentioned(DialogueState.Draft d) {
        List<String> named = d.entities.getOrDefault("order_number", List.of());
        for (int i = named.size() - 1; i >= 0; i--) {
            String id = named.get(i);
            if (!id.equals(d.otherThan) && id.indexOf('*') < 0) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Of several orders named in one message, the one the flow's request is about: the one in the same clause as the
     * request's words ("…, and can I return DD…4?"), or the one called "the second", else the first.
     */
    static String orderForAction(String flow, String text, List<String> named) {
        Pattern action = ACTION_WORDS.get(flow);
        for (String clause : CLAUSES.split(text)) {
            if (action.matcher(clause).find()) {
                // "第一个退货，第二个到哪了": the position named in the request's own clause
                if (FIRST.matcher(clause).find()) {
                    return named.get(0);
                }
                if (SECOND.matcher(clause).find()) {
                    return named.get(1);
                }
                String digits = clause.replaceAll("[^0-9]", "");
                for (String id : named) {
                    String own = id.replaceAll("[^0-9]", "");
                    if (!own.isEmpty() && digits.contains(own)) {
                        return id;
                    }
                }
            }
        }
        return named.get(0);
    }

    /**
     * The status of each other order named with an action request, when the message asks where they are: "where is
     * DD…3 and can I return DD…4?". Empty when it does not ask, or the orders cannot be found.
     */
    private String statusOfTheOthers(String acted, Turn turn, List<String> named) {
        if (!DialogueEngine.WHERE_IS.find(turn.text()) && !STATUS_WORDS.matcher(turn.text()).find()) {
            return "";
        }
        StringBuilder lead = new StringBuilder();
        for (String id : named.subList(0, Math.min(named.size(), MAX_ORDERS_AT_ONCE))) {
            if (id.equals(acted)) {
                continue;
            }
            try {
                lead.append(statusText(orders.order(id), turn)).append(turn.zh() ? "" : " ");
            } catch (OrderApiException e) {
                if (e.kind() != OrderApiException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return lead.length() == 0 ? "" : lead.append("\n").toString();
    }

    /**
     * The one recent order in {@code statuses} (empty: any) whose item the message names: "how do I return my
     * kettle?", "保温杯到哪了". Empty when none or several do, when the text names nothing besides the request
     * ({@link #mayNameAnItem}), or when the order API does not answer: the order step asks then. The engine asks it
     * too, for "where is …" questions, before any flow.
     */
    Optional<Order> orderNamedByItem(String customer, String text, Set<OrderStatus> statuses) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.length() > MAX_ITEM_TEXT || !mayNameAnItem(lower)) {
            return Optional.empty();
        }
        List<Order> recent;
        try {
            recent = statuses.isEmpty() ? orders.recentOrders(customer, ITEM_ORDERS)
                    : orders.recentOrders(customer, ITEM_ORDERS, statuses);
        } catch (OrderApiException e) {
            return Optional.empty();
        }
        List<Order> naming = recent.stream().filter(o -> namesItemOf(lower, o)).toList();
        return naming.size() == 1 ? Optional.of(naming.get(0)) : Optional.empty();
    }

    /**
     * Whether the lower-case text names an item of the order: its Chinese name, its English name, or the English
     * name's last word if it has five letters or more ("kettle", "earbuds"; not "cup" or "case", which are words
     * of their own).
     */
    static boolean namesItemOf(String lowerText, Order order) {
        for (Order.OrderItem item : order.items()) {
            String zh = chinesePart(item.name()).strip().toLowerCase(java.util.Locale.ROOT);
            if (!zh.isEmpty() && zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    && (lowerText.contains(zh) || zh.length() >= 4 && lowerText.contains(zh.substring(zh.length() - 2)))) {
                // "电热水壶" or its last two characters, "水壶" ("蓝牙耳机": 耳机; "笔记本电脑": 电脑)
                return true;
            }
            String en = englishPart(item.name()).strip().toLowerCase(java.util.Locale.ROOT);
            if (en.isEmpty() || en.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                continue;
            }
            String[] words = en.split("[^a-z0-9\\-]+");
            String head = words[words.length - 1];
            String first = words[0];
            // not inside another word or after a dash: "shirt" is not the "t-shirt"
            if (namesWord(lowerText, en) || head.length() >= 5 && namesWord(lowerText, head)
                    || words.length > 1 && first.length() >= 7 && !COMMON_WORDS.contains(first) && namesWord(lowerText, first)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code word} (or its plural in s) stands in the text as a word of its own: not inside another word, nor
     * after a dash. A scan, not a regular expression: this runs for every recent order on every "where is …".
     */
    static boolean namesWord(String lowerText, String word) {
        for (int at = lowerText.indexOf(word); at >= 0; at = lowerText.indexOf(word, at + 1)) {
            int end = at + word.length();
            if (end < lowerText.length() && lowerText.charAt(end) == 's') {
                end++;
            }
            boolean startsWord = at == 0 || !isWordChar(lowerText.charAt(at - 1)) && lowerText.charAt(at - 1) != '-';
            boolean endsWord = end >= lowerText.length() || !isWordChar(lowerText.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** First words of item names that are ordinary words too ("my order is running late"). */
    private static final Set<String> COMMON_WORDS = Set.of("running", "electric", "wireless", "portable", "classic");

    /** The orders the order step offers as quick replies: empty if the order API does not answer. */
    private List<String> offeredOrders(Turn turn, DialogueState.Draft d) {
        List<String> recent = new ArrayList<>();
        try {
            // the three newest the flow can act on, filtered by the order API (a return offered paid and shipped
            // orders, and with three newer unshipped ones none at all); not more than three: this runs again whenever
            // the step is asked again (after every side question), and ten orders through the order API cost a
            // quarter of the fast profile's throughput
            String customer = turn.raw().customer().id().value();
            Set<OrderStatus> fitting = fitting(d.flow);
            for (Order o : fitting.isEmpty() ? orders.recentOrders(customer, 3) : orders.recentOrders(customer, 3, fitting)) {
                if (fits(d.flow, o.status()) && !o.orderId().equals(d.slots.get(OTHER_THAN))) {
                    recent.add(o.orderId());
                }
            }
        } catch (OrderApiException e) {
            // the quick replies are a convenience: ask for the number without them
        }
        return recent;
    }

    /** 1-based position named by "2", "#2", "第二个", "第2个", "the second one"; 0 when the text is not one. */
    static int pickedPosition(String text) {
        Matcher m = PICK.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).strip());
        if (!m.matches()) {
            return 0;
        }
        String word = m.group(1) != null ? m.group(1) : m.group(2);
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "一", "first" -> 1;
            case "2", "二", "second" -> 2;
            case "3", "三", "third" -> 3;
            default -> 0;
        };
    }

    private BotDecision withOrder(String orderId, Turn turn, DialogueState.Draft d) {
        Order order;
        try {
            order = orders.order(orderId);
        } catch (OrderApiException e) {
            if (e.kind() != OrderApiException.Kind.NOT_FOUND) {
                throw e;
            }
            // most often a typo: ask again; repeated misses end in a handoff (the engine counts re-prompts), for
            // an agent to look the order up, not blamed on the order system, which answered
            d.moveTo(ASK_ORDER);
            d.reprompts++;
            // a bank-card number typed by mistake is not repeated back in full
            String shown = MASKER.mask(orderId);
            if (d.reprompts > settings.maxReprompts()) {
                return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, d.flow,
                        turn.t("没有查到订单 " + shown + "。", "I couldn't find order " + shown + ". "));
            }
            return step(turn, d, turn.t("没有查到订单 " + shown + "，请核对订单号后重新发送。",
                    "I couldn't find order " + shown + ". Please check the number and send it again."), List.of());
        }
        d.slots.put("order_id", order.orderId());
        d.lastOrderId = order.orderId();
        d.lastOrder = snapshot(order);
        return switch (d.flow) {
            case ORDER_STATUS -> orderStatus(order, turn, d);
            case DELIVERY_TIME -> deliveryTime(order, turn, d);
            case REFUND_STATUS -> refundStatus(order, turn, d);
            case CANCEL_ORDER -> cancelOrder(order, turn, d);
            case CHANGE_ADDRESS -> changeAddress(order, turn, d);
            case RETURN_EXCHANGE -> returnExchange(order, turn, d);
            default -> throw new IllegalStateException("unknown flow " + d.flow);
        };
    }

    // --- order status and delivery time

    private BotDecision orderStatus(Order order, Turn turn, DialogueState.Draft d) {
        if (order.status() == OrderStatus.DELIVERED && (NOT_RECEIVED.find(turn.text()) || d.slots.containsKey(NOT_RECEIVED_SLOT))) {
            // "物流显示签收了但我没收到": repeating "delivered" helps no one; a person checks the signature with the
            // courier and resends or refunds
            return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, ORDER_STATUS,
                    turn.t("订单 " + order.orderId() + " 显示已于 " + deliveredDate(order) + " 签收。请先看看快递柜、驿站、门卫或家人是否代收；"
                                    + "如仍找不到，客服会联系快递核实签收记录，确认未收到将为您补发或退款。",
                            "Order " + order.orderId() + " shows as delivered on " + deliveredDate(order) + ". Please check "
                                    + "parcel lockers, pickup stations, reception or family first; if it's still missing, an "
                                    + "agent will check the delivery with the courier and resend or refund. "));
        }
        return done(turn, d, statusWithTracking(order, turn, d), nextSteps(order, turn));
    }

    private String statusWithTracking(Order order, Turn turn, DialogueState.Draft d) {
        String text = statusText(order, turn);
        if (order.status() == OrderStatus.SHIPPED || order.status() == OrderStatus.DELIVERED) {
            Tracking t = orders.tracking(order.orderId());
            text += trackingText(t, turn);
            d.lastOrder = snapshotWith(order, t);
        }
        return text;
    }

    /**
     * "Where are DD… and DD…?": each named order's status (or arrival), up to {@value #MAX_ORDERS_AT_ONCE}, in one
     * reply. The first order found becomes the one follow-ups are about. None found: the first is asked about again.
     */
    private BotDecision severalOrders(List<String> named, Turn turn, DialogueState.Draft d) {
        List<String> parts = new ArrayList<>();
        Order first = null;
        HandoffContext.OrderSnapshot firstSnapshot = null;
        for (String id : named.subList(0, Math.min(named.size(), MAX_ORDERS_AT_ONCE))) {
            Order order;
            try {
                order = orders.order(id);
            } catch (OrderApiException e) {
                if (e.kind() != OrderApiException.Kind.NOT_FOUND) {
                    throw e;
                }
                String shown = MASKER.mask(id);
                parts.add(turn.t("没有查到订单 " + shown + "，请核对订单号。", "I couldn't find order " + shown + "; please check the number."));
                continue;
            }
            d.lastOrder = snapshot(order);
            parts.add(d.flow.equals(DELIVERY_TIME) ? deliveryText(order, turn, d) : statusText(order, turn));
            if (first == null) {
                first = order;
                firstSnapshot = d.lastOrder; // with its tracking, if the arrival text fetched it
            }
        }
        if (first == null) {
            return withOrder(named.get(0), turn, d);
        }
        d.lastOrder = firstSnapshot;
        if (named.size() > MAX_ORDERS_AT_ONCE) {
            parts.add(turn.t("其余订单请分开发送订单号查询。", "Send the other order numbers in another message and I'll check them too."));
        }
        d.slots.put("order_id", first.orderId());
        d.lastOrderId = first.orderId();
        return done(turn, d, String.join("\n", parts), List.of());
    }

    /** The follow-ups that fit the order's state: no "when will it arrive?" once delivered, no return before. */
    private static List<String> nextSteps(Order order, Turn turn) {
        return switch (order.status()) {
            case PENDING_PAYMENT, PAID -> List.of(turn.t("什么时候到？", "When will it arrive?"), turn.t("取消订单", "Cancel the order"));
            case SHIPPED -> List.of(turn.t("什么时候到？", "When will it arrive?"));
            case DELIVERED -> List.of(turn.t("退换货", "Return or exchange"));
            case REFUNDING, REFUNDED -> List.of(turn.t("退款进度", "Refund status"));
            case CANCELLED -> List.of();
        };
    }

    private BotDecision deliveryTime(Order order, Turn turn, DialogueState.Draft d) {
        Optional<Filed> filed = filedAfterSale(d, order.orderId());
        if (filed.isPresent() && filed.get().exchange()) {
            // "那换的新货什么时候到" after the exchange: the replacement, not the delivered original's date
            return done(turn, d, turn.t("换货申请 " + filed.get().ticket() + " 已提交：快递员1-2天内上门取件，仓库收到后48小时内发出新品，"
                            + "发货后一般2-4天送达。新品发货后可以在这里查询物流。",
                    "Exchange request " + filed.get().ticket() + ": a courier collects the item within 1-2 days, the replacement "
                            + "ships within 48 hours of its arrival at the warehouse and usually arrives 2-4 days later. "
                            + "You can track it here once it ships."), List.of());
        }
        return done(turn, d, deliveryText(order, turn, d), List.of());
    }

    private String deliveryText(Order order, Turn turn, DialogueState.Draft d) {
        return switch (order.status()) {
            case PENDING_PAYMENT -> turn.t("订单 " + order.orderId() + " 还未付款，付款后24小时内发货，一般发货后1-3天送达（偏远地区3-7天）。",
                    "Order " + order.orderId() + " is awaiting payment. It ships within 24 hours of payment and usually arrives 1-3 days later (3-7 to remote areas).");
            case PAID -> turn.t("订单 " + order.orderId() + " 已付款，将在24小时内发货，一般发货后1-3天送达（偏远地区3-7天）。",
                    "Order " + order.orderId() + " is paid and will ship within 24 hours; delivery usually takes 1-3 days after that (3-7 to remote areas).");
            case SHIPPED -> {
                Tracking t = orders.tracking(order.orderId());
                d.lastOrder = snapshotWith(order, t);
                yield t.estimatedDelivery() == null
                        ? turn.t("订单 " + order.orderId() + " 已发货，一般1-3天送达（偏远地区3-7天）。" + trackingText(t, turn),
                                "Order " + order.orderId() + " has shipped; delivery usually takes 1-3 days (3-7 to remote areas)." + trackingText(t, turn))
                        : turn.t("订单 " + order.orderId() + " 预计 " + t.estimatedDelivery() + " 送达。" + trackingText(t, turn, false),
                                "Order " + order.orderId() + " should arrive by " + t.estimatedDelivery() + "." + trackingText(t, turn, false));
            }
            case DELIVERED, REFUNDING, REFUNDED -> turn.t("订单 " + order.orderId() + " 已于 " + deliveredDate(order) + " 签收。",
                    "Order " + order.orderId() + " was delivered on " + deliveredDate(order) + ".");
            case CANCELLED -> turn.t("订单 " + order.orderId() + " 已取消，不会发货。",
                    "Order " + order.orderId() + " was cancelled, so it won't be delivered.");
        };
    }

    // --- refund status

    private BotDecision refundStatus(Order order, Turn turn, DialogueState.Draft d) {
        RefundInfo refund;
        try {
            refund = orders.refundStatus(order.orderId());
        } catch (OrderApiException e) {
            if (e.kind() != OrderApiException.Kind.NOT_FOUND) {
                throw e;
            }
            Optional<Filed> filed = filedAfterSale(d, order.orderId());
            if (filed.isPresent() && !filed.get().exchange()) {
                // "那退款呢" right after filing the return: not "no refund, reply 'return'", which invited a second one
                return done(turn, d, turn.t("订单 " + order.orderId() + " 的退货申请 " + filed.get().ticket()
                        + " 已提交。仓库签收验货后发起退款，一般1–3个工作日原路到账，届时可在这里查询退款进度。",
                        "Return request " + filed.get().ticket() + " for order " + order.orderId() + " is filed. Once the"
                                + " warehouse has received and checked the parcel, the refund goes back to your original"
                                + " payment method, usually within 1–3 working days; you can check it here then."), List.of());
            }
            if (order.status() != OrderStatus.DELIVERED) {
                // a cancelled, unpaid or not yet delivered order cannot be returned: "reply 'return'" led nowhere
                return done(turn, d, turn.t("订单 " + order.orderId() + " 目前没有退款记录。" + noRefundReasonZh(order),
                        "There is no refund on order " + order.orderId() + ". " + noRefundReasonEn(order)), List.of());
            }
            return done(turn, d, turn.t("订单 " + order.orderId() + " 目前没有退款记录。如需退货退款，可以回复“退货”。",
                    "There is no refund on order " + order.orderId() + ". To return it for a refund, reply \"return\"."),
                    List.of(turn.t("退货", "Return")));
        }
        String by = refund.expectedBy() == null ? "" : turn.t("，预计 " + refund.expectedBy() + " 前原路退回",
                ", expected back on your original payment method by " + refund.expectedBy());
        return done(turn, d, turn.t("订单 " + order.orderId() + " 的退款 ¥" + money(refund.amount()) + " 状态：" + refundStatusZh(refund.status()) + by + "。",
                "The refund of " + money(refund.amount()) + " " + refund.currency() + " for order " + order.orderId() + " is "
                        + refund.status() + by + "."), List.of());
    }

    private static String noRefundReasonZh(Order order) {
        return switch (order.status()) {
            case CANCELLED -> "该订单已取消；如取消前已付款，款项会在取消后1-3个工作日内原路退回，逾期未到账请联系人工客服。";
            case PENDING_PAYMENT -> "该订单尚未付款，无需退款。";
            default -> "订单签收后可申请退货退款；未发货的订单可以直接取消，回复“取消订单”即可。";
        };
    }

    private static String noRefundReasonEn(Order order) {
        return switch (order.status()) {
            case CANCELLED -> "It was cancelled; if you had paid, the money goes back to your original payment method "
                    + "within 1-3 business days of the cancellation. If it hasn't arrived by then, please ask an agent.";
            case PENDING_PAYMENT -> "It hasn't been paid, so there is nothing to refund.";
            default -> "A return for a refund is possible once it is delivered; an order that hasn't shipped can simply "
                    + "be cancelled: reply \"cancel the order\".";
        };
    }

    // --- cancel

    private BotDecision cancelOrder(Order order, Turn turn, DialogueState.Draft d) {
        if (!order.status().cancellable()) {
            return notCancellable(order, turn, d);
        }
        if (settings.highValueAmount() > 0 && order.totalAmount() >= settings.highValueAmount()) {
            return handoffs.handoff(turn, d, Handoffs.HIGH_VALUE_ORDER, CANCEL_ORDER, "");
        }
        d.moveTo(CONFIRM);
        return step(turn, d, turn.t("确认取消订单 " + order.orderId() + "（" + chinesePart(itemNames(order)) + "，¥" + money(order.totalAmount()) + "）吗？"
                        + (order.status() == OrderStatus.PAID ? "已付款项将原路退回。" : ""),
                "Cancel order " + order.orderId() + " (" + englishPart(itemNames(order)) + ", " + money(order.totalAmount()) + " " + order.currency() + ")?"
                        + (order.status() == OrderStatus.PAID ? " The payment will be refunded to your original method." : "")),
                yesNo(turn));
    }

    private BotDecision notCancellable(Order order, Turn turn, DialogueState.Draft d) {
        String text = switch (order.status()) {
            case SHIPPED -> turn.t("订单 " + order.orderId() + " 已发货，无法直接取消。您可以拒收，或签收后申请7天无理由退货。",
                    "Order " + order.orderId() + " has already shipped, so it can't be cancelled. You can refuse the delivery or return it within 7 days of receipt.");
            case DELIVERED -> turn.t("订单 " + order.orderId() + " 已签收，无法取消，可以申请退货。",
                    "Order " + order.orderId() + " has been delivered, so it can't be cancelled, but you can return it.");
            case CANCELLED -> turn.t("订单 " + order.orderId() + " 已经是取消状态。", "Order " + order.orderId() + " is already cancelled.");
            default -> turn.t("订单 " + order.orderId() + " 正在退款中，无需取消。", "Order " + order.orderId() + " is already being refunded.");
        };
        d.step = "not_cancellable";
        // a return only for what was sent: not for a cancelled order or one already being refunded
        boolean returnable = order.status() == OrderStatus.SHIPPED || order.status() == OrderStatus.DELIVERED;
        List<String> replies = returnable
                ? List.of(turn.t("申请退货", "Return it"), turn.t("人工客服", "Talk to an agent"))
                : List.of(turn.t("人工客服", "Talk to an agent"));
        return done(turn, d, text, replies);
    }

    private Optional<BotDecision> confirm(Turn turn, DialogueState.Draft d) {
        String text = turn.text().strip();
        ShortReplies.Kind shortReply = ShortReplies.of(text);
        boolean yes = YES.matcher(text).matches() || shortReply == ShortReplies.Kind.AFFIRM || cancelMeansYes(turn, d);
        boolean no = !yes && (NO.matcher(text).matches() || shortReply == ShortReplies.Kind.DONE
                || shortReply == ShortReplies.Kind.WRONG || KEEP_IT.find(text));
        if (d.flow.equals(CHANGE_ADDRESS)) {
            // whatever it opens with ("不对，应该是…"): an address is no yes or no
            Optional<String> corrected = correctedAddress(turn);
            if (corrected.isPresent()) {
                // "oops, wrong address, it's 99 Nanjing Road, …": confirmed again with the new one
                d.slots.put("address", corrected.get());
                turn.entities().phones().stream().findFirst().ifPresent(phone -> d.slots.put("phone", phone));
                return Optional.of(confirmAddress(turn, d));
            }
            if (!turn.entities().phones().isEmpty() && !yes) {
                // "不对，电话是13900139000": the number corrected (it was taken as "no, keep the address")
                d.slots.put("phone", turn.entities().phones().get(0));
                return Optional.of(confirmAddress(turn, d));
            }
            if (shortReply == ShortReplies.Kind.WRONG) {
                // "不对", "that's wrong": the address is not right, not "leave it as it was"
                d.moveTo(ASK_ADDRESS);
                return Optional.of(step(turn, d, turn.t("好的，请重新发送正确的新地址（省市区+街道门牌号）。",
                        "OK, please send the correct new address (street, number, city)."), List.of()));
            }
        }
        if (!yes && !no || no && !NO.matcher(text).matches() && shortReply == ShortReplies.Kind.NONE
                && QUESTION.matcher(text).find()) {
            // "wait, when will it ship if I keep it?" asks something: it is no answer ("keep it" read as no)
            return Optional.empty();
        }
        String orderId = d.slots.get("order_id");
        if (no) {
            return Optional.of(done(turn, d, d.flow.equals(CANCEL_ORDER)
                    ? turn.t("好的，订单 " + orderId + " 保持不变。", "OK, order " + orderId + " stays as it is.")
                    : turn.t("好的，地址保持不变。", "OK, the address stays as it is."), List.of()));
        }
        if (d.flow.equals(CANCEL_ORDER)) {
            try {
                Order cancelled = orders.cancel(orderId, "shopper request via bot");
                d.lastOrder = snapshot(cancelled);
            } catch (OrderApiException e) {
                if (e.kind() != OrderApiException.Kind.REJECTED) {
                    throw e;
                }
                return Optional.of(handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, CANCEL_ORDER,
                        turn.t("订单状态已变化，系统无法自动取消。", "The order changed state and can't be cancelled automatically. ")));
            }
            return Optional.of(done(turn, d, turn.t("订单 " + orderId + " 已取消。如已付款，款项将在1-3个工作日内原路退回。",
                    "Order " + orderId + " is cancelled. If you paid, the money goes back to your original payment method within 1-3 business days."),
                    List.of()));
        }
        try {
            Order moved = orders.changeAddress(orderId, d.slots.get("address") + " (" + d.slots.get("phone") + ")");
            d.lastOrder = snapshot(moved);
        } catch (OrderApiException e) {
            if (e.kind() != OrderApiException.Kind.REJECTED) {
                throw e;
            }
            return Optional.of(handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, CHANGE_ADDRESS,
                    turn.t("订单已出库，系统无法修改地址。", "The order has left the warehouse, so I can't change the address. ")));
        }
        return Optional.of(done(turn, d, turn.t("已将订单 " + orderId + " 的收货地址改为：" + d.slots.get("address") + "。",
                "Done: order " + orderId + " will be delivered to " + d.slots.get("address") + "."), List.of()));
    }

    // --- change address

    private BotDecision changeAddress(Order order, Turn turn, DialogueState.Draft d) {
        if (!order.status().addressChangeable()) {
            d.step = "not_changeable";
            String id = order.orderId();
            String text = switch (order.status()) {
                case DELIVERED -> turn.t("订单 " + id + " 已签收，无法再修改收货地址。如需退换货，请回复“退货”。",
                        "Order " + id + " has already been delivered, so there is no address to change. To return or exchange it, reply \"return\".");
                case CANCELLED -> turn.t("订单 " + id + " 已取消，不会再发货，无需修改地址。",
                        "Order " + id + " is cancelled and will not be shipped, so there is no address to change.");
                case REFUNDING, REFUNDED -> turn.t("订单 " + id + " 已进入退款流程，无法修改地址。",
                        "Order " + id + " is being refunded, so its address can't be changed.");
                default -> turn.t("订单 " + id + " 已发货，无法修改地址。您可以联系快递改派或拒收。",
                        "Order " + id + " has already shipped, so the address can't be changed here. You can ask the courier to redirect it or refuse it.");
            };
            return done(turn, d, text, List.of(turn.t("人工客服", "Talk to an agent")));
        }
        Optional<String> given = givenAddress(turn);
        String givenPhone = turn.entities().phones().stream().findFirst().orElse(d.slots.remove(GIVEN_PHONE));
        if (given.isEmpty()) {
            // given with the request, before the order number
            given = Optional.ofNullable(d.slots.remove(GIVEN_ADDRESS));
        }
        d.slots.remove(GIVEN_ADDRESS);
        if (given.isPresent()) {
            // "change the address of DD… to 88 Nanjing Road, …": the address is in the request; it was asked for again
            d.moveTo(ASK_ADDRESS);
            String address = given.get();
            if (givenPhone != null) {
                d.slots.put("address", withoutPhone(address, givenPhone));
                d.slots.put("phone", givenPhone);
                return confirmAddress(turn, d);
            }
            d.slots.put("address", address);
            d.moveTo(ASK_PHONE);
            return step(turn, d, turn.t("好的。请提供新地址的收件人手机号。",
                    "Got it. What phone number should the courier call at the new address?"), List.of());
        }
        d.moveTo(ASK_ADDRESS);
        return step(turn, d, turn.t("订单 " + order.orderId() + " 还未发货，可以修改地址。请发送新的收货地址（省市区+街道门牌号）。",
                "Order " + order.orderId() + " hasn't shipped yet, so the address can be changed. Please send the new address (street, number, city)."),
                List.of());
    }

    /** The new address written in a change request ("… to 88 Nanjing Road, …", "把地址改成上海市…"), if any. */
    private static Optional<String> givenAddress(Turn turn) {
        Matcher given = NEW_ADDRESS.matcher(turn.said());
        return given.find() && looksLikeAddress(SimplifiedChinese.of(given.group(1).strip()))
                ? Optional.of(given.group(1).strip()) : Optional.empty();
    }

    /** The address line without the phone number written in it (with spaces, dashes or a "+" between its digits). */
    static String withoutPhone(String text, String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return text;
        }
        // the label before the number goes with it: "…Shanghai, phone 13912345678" left "Shanghai, phone" as the address
        StringBuilder spaced = new StringBuilder("(?:(?:phone|tel|mobile|cell|contact|电话|手机|联系电话|手机号)\\s*[:：]?\\s*)?"
                + "(?<![0-9])\\+?");
        for (int i = 0; i < digits.length(); i++) {
            spaced.append(i == 0 ? "" : "[ \\-]?").append(digits.charAt(i));
        }
        String cleaned = Pattern.compile(spaced.append("(?![0-9])").toString(), Pattern.CASE_INSENSITIVE).matcher(text)
                .replaceFirst(" ")
                .replaceAll("[\\s,，;；]+$", "").replaceAll("\\s{2,}", " ").strip();
        return cleaned.isEmpty() ? text : cleaned;
    }

    /** What the confirmation step asks to confirm, said again with its re-prompt (it said only "reply confirm or no"). */
    private static String confirmedWhat(Turn turn, DialogueState.Draft d) {
        String orderId = d.slots.getOrDefault("order_id", "");
        if (d.flow.equals(CANCEL_ORDER)) {
            return turn.t("要取消订单 " + orderId + " 吗？", "Cancel order " + orderId + "? ");
        }
        if (d.flow.equals(CHANGE_ADDRESS)) {
            return turn.t("新地址：" + d.slots.getOrDefault("address", "") + "。", "New address: "
                    + d.slots.getOrDefault("address", "") + ". ");
        }
        return "";
    }

    /** "地址写错了，是…", "it's 99 Nanjing Road, …": an address given again after the flow took one. */
    private static Optional<String> correctedAddress(Turn turn) {
        String said = turn.said();
        Matcher m = CORRECTED_ADDRESS.matcher(said);
        String address = m.find() ? m.group(1).strip() : said.strip();
        if (!turn.entities().phones().isEmpty()) {
            address = withoutPhone(address, turn.entities().phones().get(0));
        }
        return looksLikeAddress(SimplifiedChinese.of(address)) ? Optional.of(address) : Optional.empty();
    }

    private BotDecision confirmAddress(Turn turn, DialogueState.Draft d) {
        d.moveTo(CONFIRM);
        return step(turn, d, turn.t("请确认新地址：" + d.slots.get("address") + "，联系电话 " + maskPhone(d.slots.get("phone")) + "。",
                "Please confirm the new address: " + d.slots.get("address") + ", phone " + maskPhone(d.slots.get("phone")) + "."),
                yesNo(turn));
    }

    // --- return / exchange

    private BotDecision returnExchange(Order order, Turn turn, DialogueState.Draft d) {
        if (order.status() != OrderStatus.DELIVERED) {
            String text = switch (order.status()) {
                case PENDING_PAYMENT, PAID -> turn.t("订单 " + order.orderId() + " 还未发货，无需退货，可以直接取消订单。",
                        "Order " + order.orderId() + " hasn't shipped yet: no need to return it, you can cancel it instead.");
                case SHIPPED -> turn.t("订单 " + order.orderId() + " 还在运输中，签收后即可申请退换货，也可以拒收。",
                        "Order " + order.orderId() + " is still on its way. Once it's delivered you can request a return or exchange, or you can refuse it.");
                case REFUNDING, REFUNDED -> turn.t("订单 " + order.orderId() + " 已在退款流程中。", "Order " + order.orderId() + " is already being refunded.");
                default -> turn.t("订单 " + order.orderId() + " 已取消，无需退货。", "Order " + order.orderId() + " was cancelled; there is nothing to return.");
            };
            d.step = "not_returnable";
            List<String> replies = order.status().cancellable() ? List.of(turn.t("取消订单", "Cancel the order")) : List.of();
            return done(turn, d, text, replies);
        }
        Optional<Filed> filed = filedAfterSale(d, order.orderId());
        if (filed.isPresent()) {
            // an exchange filed, then "不对，还是退货吧": a second request was filed beside the first; an agent
            // changes or withdraws the one that stands
            boolean exchange = filed.get().exchange();
            return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, RETURN_EXCHANGE,
                    turn.t("订单 " + order.orderId() + " 已有" + (exchange ? "换货" : "退货") + "申请 " + filed.get().ticket()
                                    + "，需要人工为您修改。",
                            "Order " + order.orderId() + " already has " + (exchange ? "exchange" : "return")
                                    + " request " + filed.get().ticket() + "; an agent will change it for you. "));
        }
        long days = daysSinceDelivery(order);
        d.slots.put("days_since_delivery", Long.toString(days));
        if (days > settings.exchangeWindowDays()) {
            return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, RETURN_EXCHANGE,
                    turn.t("该订单签收已超过" + settings.exchangeWindowDays() + "天，超出自助退换期限，需要人工为您评估。",
                            "This order was delivered more than " + settings.exchangeWindowDays()
                                    + " days ago, past the self-service window, so an agent needs to review it. "));
        }
        if (settings.highValueAmount() > 0 && order.totalAmount() >= settings.highValueAmount()) {
            return handoffs.handoff(turn, d, Handoffs.HIGH_VALUE_ORDER, RETURN_EXCHANGE,
                    turn.t("高价值商品的退换货由专人为您处理，", "High-value items are handled by a specialist. "));
        }
        if (!d.slots.containsKey("reason")) {
            d.moveTo(ASK_REASON);
            return step(turn, d, turn.t("找到订单 " + order.orderId() + "（" + chinesePart(itemNames(order)) + "）。", "Found order "
                    + order.orderId() + " (" + englishPart(itemNames(order)) + "). ") + reasonPrompt(turn),
                    reasonReplies(turn));
        }
        return afterReason(turn, d);
    }

    private BotDecision afterReason(Turn turn, DialogueState.Draft d) {
        boolean defect = DEFECT.find(reasonGiven(d));
        if (defect && !d.slots.containsKey("photo") && !photoFrom(turn, d)) {
            d.moveTo(ASK_PHOTO);
            return step(turn, d, photoPrompt(turn), photoReplies(turn));
        }
        if (!withinReturnWindow(d) && !ourFault(d)) {
            // past the no-reason return and the size or colour exchange (7 days), only a faulty item is exchanged, as
            // the knowledge base says (the flow offered an exchange for "wrong size" at day 10): an agent decides
            return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, RETURN_EXCHANGE,
                    turn.t("该订单签收已超过" + settings.returnWindowDays() + "天，已过无理由退货和尺码/颜色换货的期限；"
                                    + "签收" + settings.exchangeWindowDays() + "天内只有质量问题可以自助换货。",
                            "It's more than " + settings.returnWindowDays() + " days since delivery, past the window for"
                                    + " no-reason returns and size or colour exchanges; until day "
                                    + settings.exchangeWindowDays() + " only a faulty item can be exchanged here. "));
        }
        return offer(turn, d, false);
    }

    private boolean withinReturnWindow(DialogueState.Draft d) {
        return Long.parseLong(d.slots.getOrDefault("days_since_delivery", "0")) <= settings.returnWindowDays();
    }

    /**
     * A fault or our mistake (a photo of it, a defect or a wrong item named): we pay the postage, and an exchange is
     * possible after the return window.
     */
    private static boolean ourFault(DialogueState.Draft d) {
        String givenReason = reasonGiven(d);
        return d.slots.containsKey("photo") || d.slots.containsKey("photo_unavailable")
                || DEFECT.find(givenReason) || OUR_MISTAKE.find(givenReason);
    }

    /**
     * The return reason the shopper gave, simplified for the word lists: the slot keeps it as typed, and a
     * Traditional "水壺壞了" was no defect (a no-reason return, postage at the shopper's cost).
     */
    private static String reasonGiven(DialogueState.Draft d) {
        return SimplifiedChinese.of(d.slots.getOrDefault("reason", ""));
    }

    private static boolean isPhoto(Attachment a) {
        return a.contentType().startsWith("image/") || a.contentType().equals("application/octet-stream");
    }

    private static boolean hasPhoto(Turn turn) {
        return turn.raw().attachments().stream().anyMatch(Flows::isPhoto);
    }

    private boolean photoFrom(Turn turn, DialogueState.Draft d) {
        List<String> refs = turn.raw().attachments().stream().filter(Flows::isPhoto).map(Attachment::reference)
                .toList();
        if (refs.isEmpty()) {
            return false;
        }
        d.slots.put("photo", String.join(" ", refs));
        return true;
    }

    private BotDecision offer(Turn turn, DialogueState.Draft d, boolean again) {
        d.moveTo(OFFER);
        boolean returnable = withinReturnWindow(d);
        boolean wantsExchange = "exchange".equals(d.slots.get("preferred"));
        // one who asked for an exchange has it first (they were offered "return or exchange" as if they had not said)
        List<String> replies = !returnable ? List.of(turn.t("换货", "Exchange"))
                : wantsExchange ? List.of(turn.t("换货", "Exchange"), turn.t("7天无理由退货", "7-day no-reason return"))
                : List.of(turn.t("7天无理由退货", "7-day no-reason return"), turn.t("换货", "Exchange"));
        String prefix = again ? turn.t("请选择下面的一项。", "Please pick one of the options. ")
                : d.slots.containsKey("photo_unavailable") && !d.slots.containsKey("photo")
                ? turn.t("没关系，不用照片也可以办理，仓库收到商品后会检查问题。",
                        "No problem, we can go ahead without a photo: the warehouse checks the item when it arrives. ")
                : "";
        String thanks = again || !prefix.isEmpty() ? "" : turn.t("收到。", "Thanks. ");
        String text = returnable && wantsExchange
                ? turn.t("可以为您换货（换同款新品），请点“换货”提交；签收未满" + settings.returnWindowDays()
                                + "天，如改为退货退款也可以选择7天无理由退货。",
                        "I can arrange the exchange for a new one: tap \"Exchange\" to submit it. It was delivered less than "
                                + settings.returnWindowDays() + " days ago, so a 7-day no-reason return is also possible.")
                : returnable
                ? turn.t("该订单签收未满" + settings.returnWindowDays() + "天，您可以选择7天无理由退货（退款原路退回），或换货（换同款新品）。",
                        "It was delivered less than " + settings.returnWindowDays()
                                + " days ago, so you can choose a 7-day no-reason return (refund to your original payment method) or an exchange for a new one.")
                : turn.t("该订单已超过7天无理由退货期限，但仍在" + settings.exchangeWindowDays() + "天换货期内，可以为您办理换货。",
                        "The 7-day return window has passed, but it is still within the " + settings.exchangeWindowDays()
                                + "-day exchange window, so I can arrange an exchange.");
        return step(turn, d, prefix + thanks + text, replies);
    }

    private Optional<BotDecision> chooseOption(Turn turn, DialogueState.Draft d) {
        String text = turn.text().strip();
        if (QUESTION.matcher(text).find() && !CHOICE_QUESTION.matcher(text).matches() && !isOfferedReply(turn, d)) {
            // "退款多久到账" mentions 退款 but chooses nothing: no request is filed on a question
            return Optional.empty();
        }
        boolean returnable = withinReturnWindow(d);
        boolean yes = YES.matcher(text).matches() || ShortReplies.of(text) == ShortReplies.Kind.AFFIRM;
        // "yes" to the exchange offered alone, or offered first because the shopper asked for it ("Please pick one
        // of the options" under a single Exchange button)
        boolean exchange = CHOOSE_EXCHANGE.matcher(text).find()
                || yes && (!returnable || "exchange".equals(d.slots.get("preferred")));
        boolean ret = !exchange && CHOOSE_RETURN.matcher(text).find();
        if (!exchange && !ret) {
            return Optional.empty();
        }
        if (ret && !returnable) {
            return Optional.of(offer(turn, d, true));
        }
        AfterSaleType type = exchange ? AfterSaleType.EXCHANGE : AfterSaleType.RETURN;
        String orderId = d.slots.get("order_id");
        List<String> photos = d.slots.containsKey("photo") ? List.of(d.slots.get("photo").split(" ")) : List.of();
        AfterSaleTicket ticket;
        try {
            String reason = d.slots.getOrDefault("reason", "");
            if (d.slots.containsKey("photo_unavailable") && photos.isEmpty()) {
                reason = reason + " [no photo: inspect on receipt]";
            }
            ticket = orders.createAfterSale(new AfterSaleRequest(orderId, type, reason, photos));
        } catch (OrderApiException e) {
            if (e.kind() != OrderApiException.Kind.REJECTED) {
                throw e;
            }
            return Optional.of(handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, RETURN_EXCHANGE,
                    turn.t("系统无法自动受理该申请，", "The system couldn't accept this request automatically. ")));
        }
        d.slots.put("ticket", ticket.ticketId());
        // who pays the postage, as the return-shipping answer says: we do for a fault or our mistake, the shopper for a
        // no-reason return or a size or colour exchange (the flow said "free" to everyone)
        boolean ourFault = ourFault(d);
        d.botActions.add(AFTER_SALE + orderId + ":" + ticket.ticketId() + ":" + type.name().toLowerCase(java.util.Locale.ROOT));
        String next = type == AfterSaleType.RETURN
                ? turn.t("退货申请 " + ticket.ticketId() + " 已提交。快递员将在1-2天内上门取件（" + (ourFault ? "运费由我们承担" : "无理由退货运费由您承担，购买了退货运费险的由保险赔付")
                                + "），仓库签收验货后发起退款，一般1–3个工作日原路到账。",
                        "Return request " + ticket.ticketId() + " is created. A courier will collect the parcel within 1-2 days ("
                                + (ourFault ? "free of charge" : "for a no-reason return the postage is yours, unless you bought return-shipping insurance")
                                + "); once the warehouse has received and checked it, the refund goes back to your original"
                                + " payment method, usually within 1–3 working days.")
                : turn.t("换货申请 " + ticket.ticketId() + " 已提交。快递员将在1-2天内上门取件（" + (ourFault ? "来回运费由我们承担"
                                : "寄回运费由您承担") + "），仓库收到后48小时内为您发出新品。",
                        "Exchange request " + ticket.ticketId() + " is created. A courier will collect the item within 1-2 days ("
                                + (ourFault ? "we pay the postage both ways" : "the return postage is yours")
                                + ") and we ship the replacement within 48 hours of receiving it.");
        return Optional.of(done(turn, d, next, List.of()));
    }

    // --- helpers

    private BotDecision step(Turn turn, DialogueState.Draft d, String text, List<String> quickReplies) {
        d.botActions.add("flow:" + d.flow + "/" + d.step);
        return new BotDecision.FlowStep(flowIntent(turn, d.flow), turn.prediction().confidence(), turn.language(), text,
                quickReplies, d.flow, d.step);
    }

    private BotDecision done(Turn turn, DialogueState.Draft d, String text, List<String> quickReplies) {
        String flow = d.flow;
        String step = d.step.startsWith("not_") ? d.step : DONE;
        d.botActions.add("flow:" + flow + "/" + step);
        d.lastTopic = flow;
        d.endFlow();
        return new BotDecision.FlowStep(flowIntent(turn, flow), turn.prediction().confidence(), turn.language(), text,
                quickReplies, flow, step);
    }

    private static String flowIntent(Turn turn, String flow) {
        String predicted = turn.prediction().intent();
        return Skills.FLOW_OF_INTENT.getOrDefault(predicted, "").equals(flow) ? predicted : flow;
    }

    private static String reasonPrompt(Turn turn) {
        return turn.t("请问退换货的原因是什么？", "What's the reason for the return or exchange?");
    }

    private static List<String> reasonReplies(Turn turn) {
        return List.of(turn.t("质量问题", "Defective or damaged"), turn.t("发错货", "Wrong item"),
                turn.t("不想要了", "Changed my mind"));
    }

    private static String photoPrompt(Turn turn) {
        return turn.t("很抱歉商品有问题。", "Sorry the item has a problem. ") + photoRequest(turn);
    }

    private static String photoRequest(Turn turn) {
        return turn.t("请拍一张能看清问题的照片发给我，方便为您登记。",
                "Please send a photo that shows the defect so I can register it.");
    }

    private static List<String> photoReplies(Turn turn) {
        return List.of(turn.t("无法拍照", "I can't take a photo"));
    }

    private static List<String> yesNo(Turn turn) {
        return List.of(turn.t("确认", "Confirm"), turn.t("不了", "No"));
    }

    private static boolean looksLikeAddress(String text) {
        return text.length() >= 6 && text.length() <= 300 && ADDRESS_HINT.matcher(text).find()
                && (text.chars().anyMatch(Character::isDigit) || text.length() >= 10);
    }

    private long daysSinceDelivery(Order order) {
        if (order.deliveredAt() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(order.deliveredAt(), clock.instant()).toDays());
    }

    private static LocalDate deliveredDate(Order order) {
        return order.deliveredAt() == null ? LocalDate.ofInstant(order.createdAt(), ZoneOffset.UTC)
                : LocalDate.ofInstant(order.deliveredAt(), ZoneOffset.UTC);
    }

    private static String statusText(Order order, Turn turn) {
        String id = order.orderId();
        return switch (order.status()) {
            case PENDING_PAYMENT -> turn.t("订单 " + id + " 待付款，请在30分钟内完成支付。", "Order " + id + " is awaiting payment.");
            case PAID -> turn.t("订单 " + id + " 已付款，正在备货，24小时内发货。", "Order " + id + " is paid and being prepared; it ships within 24 hours.");
            case SHIPPED -> turn.t("订单 " + id + " 已发货。", "Order " + id + " has shipped.");
            case DELIVERED -> turn.t("订单 " + id + " 已签收。", "Order " + id + " has been delivered.");
            case CANCELLED -> turn.t("订单 " + id + " 已取消。", "Order " + id + " was cancelled.");
            case REFUNDING -> turn.t("订单 " + id + " 正在退款中。", "Order " + id + " is being refunded.");
            case REFUNDED -> turn.t("订单 " + id + " 已退款。", "Order " + id + " has been refunded.");
        };
    }

    private static String trackingText(Tracking t, Turn turn) {
        return trackingText(t, turn, true);
    }

    private static String trackingText(Tracking t, Turn turn, boolean withEta) {
        StringBuilder s = new StringBuilder();
        if (!t.carrier().isEmpty()) {
            s.append(turn.t("承运商：" + t.carrier() + "，运单号：" + t.trackingNumber() + "。",
                    " Carrier: " + t.carrier() + ", tracking number " + t.trackingNumber() + "."));
        }
        if (!t.events().isEmpty()) {
            Tracking.Event latest = t.events().get(0);
            String where = englishPart(latest.location());
            String place = chinesePart(latest.location());
            s.append(turn.t("最新动态：" + (place.isEmpty() ? "" : place + " ") + chinesePart(latest.description()) + "。",
                    " Latest: " + englishPart(latest.description()) + (where.isEmpty() ? "" : " (" + where + ")") + "."));
        }
        if (withEta && t.estimatedDelivery() != null && !"delivered".equals(t.status())) {
            s.append(turn.t("预计 " + t.estimatedDelivery() + " 送达。", " Expected delivery: " + t.estimatedDelivery() + "."));
        }
        return s.toString();
    }

    private static String refundStatusZh(String status) {
        return switch (status) {
            case "requested" -> "已申请";
            case "approved" -> "已同意";
            case "processing" -> "处理中";
            case "completed" -> "已退回";
            case "rejected" -> "已驳回";
            default -> status;
        };
    }

    static HandoffContext.OrderSnapshot snapshot(Order o) {
        return new HandoffContext.OrderSnapshot(o.orderId(), o.status().wireName(), o.totalAmount(), o.currency(),
                o.items().stream().map(i -> i.name() + " x" + i.quantity()).toList(),
                o.trackingNumber(), o.carrier());
    }

    private static HandoffContext.OrderSnapshot snapshotWith(Order o, Tracking t) {
        return new HandoffContext.OrderSnapshot(o.orderId(), o.status().wireName(), o.totalAmount(), o.currency(),
                o.items().stream().map(i -> i.name() + " x" + i.quantity()).toList(),
                t.trackingNumber().isEmpty() ? o.trackingNumber() : t.trackingNumber(),
                t.carrier().isEmpty() ? o.carrier() : t.carrier());
    }

    private static String itemNames(Order order) {
        return String.join(", ", order.items().stream().map(Order.OrderItem::name).toList());
    }

    /**
     * The English half of a bilingual text from the order system ("已揽收 Picked up", "上海 Shanghai", "蓝牙耳机
     * Bluetooth earbuds, T恤 T-shirt"): each comma-separated part that is Chinese, a space, then text without Chinese
     * characters gives that text; other parts stay as they are. English replies showed both halves.
     */
    static String englishPart(String text) {
        return eachPart(text, (part, lastChinese) -> {
            String tail = part.substring(lastChinese + 1);
            return tail.startsWith(" ") && tail.chars().anyMatch(Character::isLetter) ? tail.strip() : part;
        });
    }

    /**
     * The Chinese half of such a text ("到达转运中心 Arrived at hub" → "到达转运中心"), for Chinese replies. Stricter
     * than {@link #englishPart}: the English half must be plain words, with no acronym or code in it, so that
     * "已交给 SF Express" keeps its carrier.
     */
    static String chinesePart(String text) {
        return eachPart(text, (part, lastChinese) -> {
            String tail = part.substring(lastChinese + 1);
            return tail.startsWith(" ") && PLAIN_ENGLISH.matcher(tail.strip()).matches()
                    ? part.substring(0, lastChinese + 1).strip() : part;
        });
    }

    /** Applies {@code half} to each comma-separated part that has a Chinese character (given the last one's index). */
    private static String eachPart(String text, java.util.function.BiFunction<String, Integer, String> half) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String part : text.split(", ", -1)) {
            int lastChinese = -1;
            for (int i = 0; i < part.length(); i++) {
                if (Character.UnicodeScript.of(part.charAt(i)) == Character.UnicodeScript.HAN) {
                    lastChinese = i;
                }
            }
            parts.add(lastChinese < 0 ? part : half.apply(part, lastChinese));
        }
        return String.join(", ", parts);
    }

    private static String money(double amount) {
        return amount == Math.rint(amount) ? Long.toString((long) amount) : String.format(java.util.Locale.ROOT, "%.2f", amount);
    }

    /**
     * The phone as the shopper checks it: "138****8000"; an international one keeps its country code ("+886****5678",
     * it was "+88****5678"); an eight-digit local one keeps two digits at each end ("91****67").
     */
    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        if (phone.startsWith("+")) {
            return phone.substring(0, 4) + "****" + phone.substring(phone.length() - 4);
        }
        return phone.length() >= 11 ? phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4)
                : phone.substring(0, 2) + "****" + phone.substring(phone.length() - 2);
    }
}
