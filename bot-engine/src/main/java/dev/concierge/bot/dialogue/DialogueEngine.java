package dev.concierge.bot.dialogue;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.entity.Entities;
import dev.concierge.bot.entity.EntityExtractor;
import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.bot.nlu.IntentClassifier;
import dev.concierge.bot.nlu.IntentPrediction;
import dev.concierge.bot.order.Order;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiException;
import dev.concierge.bot.order.OrderStatus;
import dev.concierge.bot.sentiment.Sentiment;
import dev.concierge.bot.sentiment.SentimentAnalyzer;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.text.GuardedPattern;
import dev.concierge.bot.text.SimplifiedChinese;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.privacy.PersonalDataMasker;
import dev.concierge.kb.FaqDecision;
import dev.concierge.kb.FaqHit;
import dev.concierge.kb.FaqResult;
import dev.concierge.kb.FaqRetriever;
import dev.concierge.kb.entry.FaqEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NLU-driven bot: small talk, FAQ answers, clarification, guided flows with slot filling against the order API,
 * and handoffs with a context card. One call per customer message; the state between messages lives in the
 * {@link DialogueStateStore}, so any node continues any conversation. Thread-safe; blocks (order API, stores): call
 * it on a worker thread.
 *
 * <p>Policy, in order: cancel a flow in progress ("取消", "cancel", "算了"); explicit request for a human;
 * account security (urgent); anger or repeated negative sentiment; complaints; continue the flow in progress; start
 * a flow for a flow intent (unless the FAQ answers the question more confidently); small talk; FAQ answer; FAQ
 * clarification; otherwise a clarifying menu, and after N not-understood turns a handoff.
 */
public final class DialogueEngine implements BotEngine {
    /**
     * Intents the policy acts on by name (flows, handoffs, social replies, ratings); any other intent is answered
     * from the knowledge base. A model trained without one of these never starts what it stands for.
     */
    private static final Set<String> ACTED_ON = Stream.concat(Skills.FLOW_OF_INTENT.keySet().stream(),
            Stream.of("human_request", "complaint", "account_security", "greeting", "thanks", "goodbye", "csat_answer"))
            .collect(Collectors.toUnmodifiableSet());

    /** Of the intents the policy acts on, those {@code labels} (a model's intents) lack, sorted. */
    public static List<String> missingIntents(java.util.Collection<String> labels) {
        return ACTED_ON.stream().filter(i -> !labels.contains(i)).sorted().toList();
    }

    /** The language side: intents, language detection and sentiment. */
    public record Understanding(IntentClassifier intents, LanguageDetector languages, SentimentAnalyzer sentiment) {
        public Understanding {
            Objects.requireNonNull(intents, "intents");
            Objects.requireNonNull(languages, "languages");
            Objects.requireNonNull(sentiment, "sentiment");
        }
    }

    /** Where the engine keeps things: the per-conversation dialogue state and the unanswered-question log. */
    public record Stores(DialogueStateStore states, UnansweredLog unanswered) {
        public Stores {
            Objects.requireNonNull(states, "states");
            Objects.requireNonNull(unanswered, "unanswered");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DialogueEngine.class);

    /** The cancel words that also withdraw a request for an agent: not "cancel" or "取消", which may be the topic. */
    private static final Set<String> WITHDRAW_WORDS = Set.of("算了", "算了吧", "不用了", "不要了", "never mind", "nevermind",
            "forget it");
    /** "How long", "多久": a question of duration. */
    private static final Pattern DURATION = Pattern.compile("多久|多长时间|几天|how long|how many days|how soon",
            Pattern.CASE_INSENSITIVE);
    /** Asking to have things go faster: answered with what can and cannot be sped up. */
    static final GuardedPattern SPEED_UP = GuardedPattern.of(
            "加急|快点|快一点|加快|早点发|\\b(faster|speed (it |this )?up|hurry|rush|expedite)\\b",
            Pattern.CASE_INSENSITIVE, "加急", "快点", "快一点", "加快", "早点发", "faster", "speed", "hurry", "rush",
            "expedite");
    private static final String SPEED_UP_ENTRY = "speed_up_request";
    private static final String SPLIT_ENTRY = "split_shipment";
    /** One order in several parcels: "why did my order come in two packages?", "为什么分开发货". */
    private static final GuardedPattern SPLIT_PARCELS = GuardedPattern.of(
            "\\b(two|2|three|3|several|multiple|separate) (packages|parcels|boxes|shipments|deliveries)\\b"
                    + "|\\bsplit (shipment|delivery|order)|shipped separately|分开发|分(成)?(两|三|几)个(包裹|快递)|分批(发|送)",
            Pattern.CASE_INSENSITIVE, "two", "2", "three", "3", "several", "multiple", "separate", "split", "分");
    /** A parcel for someone else delivered to the shopper: "I received someone else's package", "收到别人的快递". */
    private static final GuardedPattern SOMEONE_ELSES_PARCEL = GuardedPattern.of(
            "someone else'?s (package|parcel|order|delivery)|(package|parcel) (for|addressed to) someone else"
                    + "|not my (package|parcel)|(收到|送来|送到)(了)?别人的(快递|包裹)|不是我的(快递|包裹)",
            Pattern.CASE_INSENSITIVE, "someone else", "not my", "别人的", "不是我的");
    /** The courier did not come: "the delivery guy never came", "快递员一直没来". */
    private static final GuardedPattern COURIER_NO_SHOW = GuardedPattern.of(
            "\\b(courier|delivery (guy|man|person|driver)|driver|postman|mailman)\\b.{0,20}"
                    + "\\b(never|didn'?t|did not|hasn'?t|has not|still hasn'?t)"
                    + " (come|came|show(ed)? up|turn(ed)? up|arrive[d]?)"
                    + "|(快递员|快递小哥|送货的|配送员).{0,6}(一直|还|都)?(没来|没有来|没上门|不来)",
            Pattern.CASE_INSENSITIVE, "courier", "delivery", "driver", "postman", "mailman", "快递员", "快递小哥",
            "送货的", "配送员");
    /** A message that only points at a file: "see attached", "please find the screenshot", "见附件". */
    private static final Pattern POINTS_TO_A_FILE = Pattern.compile(
            "(please )?(see|find|check|look at)( the)? (attached|attachment|attachments|file|files|photo|photos|picture"
                    + "|pictures|image|images|screenshot|screenshots)( attached| below)?"
                    + "|(请)?(见|详见|看|查看)(一下)?(附件|图片|截图|照片|文件)");
    /** A message that only says a question follows: "还有一个问题", "I have another question". */
    private static final Pattern ANNOUNCES_A_QUESTION = Pattern.compile(
            "(我)?(还有|另外还有|另外|再问)(一)?个?(问题|事情?)(想问|要问)?(一下)?"
                    + "|(i have|i've got|i got|got) (another|one more|a|a quick) question|one more (thing|question)"
                    + "|another question|can i ask (you )?(another|one more|a) question");
    /** A waiting customer who says they keep waiting: "我还是等吧", "I'll wait". */
    private static final Pattern STILL_WAITING = Pattern.compile("等|wait", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CANCEL_WORDS = Stream.concat(WITHDRAW_WORDS.stream(),
            Stream.of("取消", "取消吧", "退出", "不办了", "cancel", "stop", "quit", "exit")).collect(Collectors.toUnmodifiableSet());
    private static final Pattern APOLOGY = Pattern.compile("抱歉|对不起|不好意思|sorry|apolog", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPENS_WITH_APOLOGY = Pattern.compile(
            ".{0,20}?(抱歉|对不起|不好意思|sorry|apolog)", Pattern.CASE_INSENSITIVE);
    static final GuardedPattern LEAVE_QUEUE = GuardedPattern.of(
            "取消排队|不排队了|不等了|不用人工|不需要人工|取消人工|不转人工了|不用转人工"
                    + "|cancel (the |my )?(queue|request|agent|human)|stop waiting|leave the queue"
                    + "|(don'?t|do not|no longer) need (an? |the )?(agent|human|person)",
            Pattern.CASE_INSENSITIVE, "排队", "不等了", "人工", "cancel", "stop waiting", "leave the queue", "need");
    /** A cancel word with a few words around it: "算了不退了", "actually never mind", "forget it, thanks". */
    private static final Pattern CANCEL_PHRASE = Pattern.compile(
            "(算了|不用了|不要了)\\P{IsHan}{0,3}(不\\p{IsHan}{0,3}了|吧)?\\P{IsHan}{0,3}"
                    + "|.{0,12}\\b(never ?mind|forget it|cancel that|stop that)\\b.{0,12}");
    /** Compiled once: String.replaceAll would compile them again on every message. */
    private static final Pattern PUNCTUATION_RUNS = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}\\s]+");
    static final GuardedPattern HUMAN = GuardedPattern.of(
            // "agent", but not the delivery, travel or customs agent of a question about something else
            "人工|真人|客服人员|转客服|(?<!delivery |travel |shipping |courier |customs |sales |insurance |estate |booking )"
                    + "\\bagent\\b|\\bhuman\\b|real person|\\boperator\\b|\\brepresentative\\b"
                    + "|\\b(speak|talk|chat) (to|with) (someone|somebody|a person|customer (service|support)|support|staff)\\b"
                    // "找客服" (not the hotline's number), "叫你们经理来", "I want your manager"
                    + "|找客服(?!电话|热线)|(叫|找|让|要见)(你们|你们的)?(经理|主管|领导)|你们(的)?(经理|主管|领导)"
                    + "|\\b(your|a|the) (manager|supervisor)\\b",
            Pattern.CASE_INSENSITIVE,
            "人工", "真人", "客服人员", "转客服", "agent", "human", "real person", "operator", "representative",
            "speak", "talk", "chat", "找客服", "经理", "主管", "领导", "manager", "supervisor");
    static final GuardedPattern SECURITY = GuardedPattern.of(
            "被盗|盗号|盗刷|异常登录|被人登录|账号被|未授权|不是我(买|付|下)的|hacked|stolen account|account (was |has been )?stolen"
                    + "|unauthori[sz]ed (payment|charge|transaction|purchase)|someone (logged|used) (into )?my account",
            Pattern.CASE_INSENSITIVE,
            "被盗", "盗号", "盗刷", "异常登录", "被人登录", "账号被", "未授权", "不是我", "hacked", "stolen", "unauthori",
            "someone");
    static final GuardedPattern FOLLOW_UP_ARRIVAL = GuardedPattern.of(
            "(什么时候|啥时候|何时|多久|几天|哪天).{0,4}(到(?![账款钱])|送达|收到(?![钱款])|能到(?![账款钱]))"
                    + "|(when|how long).{0,30}(arrive|get here|deliver|be here|reach)|\\beta\\b",
            Pattern.CASE_INSENSITIVE, "什么时候", "啥时候", "何时", "多久", "几天", "哪天", "when", "how long", "eta");
    /**
     * What a rating has, outside the survey (which the server reads before the bot): stars, a score ("4分",
     * "3 stars", "4/5"), or words that judge the service. A lone digit is not enough: "I ordered 3 but got 5" and
     * "call me on 139 1234 5678" read as ratings.
     */
    static final GuardedPattern RATING_LIKE = GuardedPattern.of(
            "[★⭐]|(?<![0-9])[1-5]\\s*(分|星|stars?|/\\s*5)|满意|好评|差评|不错|很好|太棒|很棒|很专业|很耐心|五星"
                    + "|\\b(rating|rate|feedback|satisf\\w*|great|excellent|helpful|awesome|amazing|terrible|awful"
                    + "|perfect|five stars)\\b",
            Pattern.CASE_INSENSITIVE, "★", "⭐", "分", "星", "star", "/", "满意", "好评", "差评", "不错", "很好", "太棒",
            "很棒", "很专业", "很耐心", "五星", "rat", "feedback", "satisf", "great", "excellent", "helpful", "awesome",
            "amazing", "terrible", "awful", "perfect", "five stars");
    static final GuardedPattern COMPLAINT_WORDS = GuardedPattern.of("(?<!不是)投诉|(?<!no )\\bcomplain(t|ts|ing)?\\b",
            Pattern.CASE_INSENSITIVE, "投诉", "complain");
    static final GuardedPattern REFUND_WORDS = GuardedPattern.of("退款|退钱|到账|refund|money back",
            Pattern.CASE_INSENSITIVE, "退款", "退钱", "到账", "refund", "money back");
    /**
     * "怎么这么慢", "why so slow?", "等了好久": impatience about whatever the conversation was about; no intent says
     * which (the parcel or the refund), the conversation does.
     */
    static final GuardedPattern TOO_SLOW = GuardedPattern.of(
            "(怎么|为什么|为啥|咋|这么|那么|太|好|真|也太)慢|慢死|等(了)?(好|这么|那么|太)久"
                    + "|\\b(so|too|very) slow|why (is it |is this )?(so )?slow|taking (so |too )?long|takes? (so|too) long",
            Pattern.CASE_INSENSITIVE, "慢", "久", "slow", "long");
    /** The entry that answers impatience about the conversation's topic. */
    private static final Map<String, String> TOO_SLOW_ENTRY = Map.of(
            "refund_status", "refund_arrival_time", "refund_policy", "refund_arrival_time",
            "delivery_time", "shipping_delay", "order_status", "shipping_delay", "logistics_tracking", "shipping_delay");
    /** Thanks, as against praise ("I love this shop"), which the thanks intent also holds. */
    static final GuardedPattern THANK_WORDS = GuardedPattern.of("谢|感谢|thank|\\bthx\\b|\\bty\\b|cheers|grateful|appreciate",
            Pattern.CASE_INSENSITIVE, "谢", "thank", "thx", "ty", "cheers", "grateful", "appreciate");
    /** "ok, never mind, where is DD…?": dropping the flow and asking something else in the same breath. */
    private static final Pattern NEVER_MIND_THEN = Pattern.compile(
            "\\W*(ok|okay|oh|ah|actually|wait|no|嗯|哦|好吧|等等)?[\\s,，.。]*(never ?mind|forget (it|that)|算了|不用了|不退了|不换了)[\\s,，.。!！]+"
                    + "\\S.{3,}", Pattern.CASE_INSENSITIVE);
    static final GuardedPattern OTHER_ORDER = GuardedPattern.of(
            // "cancel the other one", "另一个我想退货" (not "换另一个", an exchange for another item)
            "(other|another|different|second) order|(另一|另外|其他|别的)(一)?(个|笔)?订单|\\b(the|my) other one\\b"
                    + "|(?<!换)(另一个|另外一个|另外那个)",
            Pattern.CASE_INSENSITIVE, "order", "订单", "other one", "另一个", "另外一个", "另外那个");
    /** "and the other one?", "what about the second order", "那另一个呢": another order, and nothing else asked. */
    static final Pattern OTHER_ONE = Pattern.compile(
            "(?:(?:and|so|ok|okay)[ ,]*)?(?:what about |how about )?(?:the |my )?(?:other|another|second) (?:one|order)[?.!]*"
                    + "|(?:那|那么)?(?:另一个|另外一个|另一单|另外一单|另一笔|另外那个|另外的)(?:订单)?(?:呢|怎么样了?)?[?？。]*",
            Pattern.CASE_INSENSITIVE);
    /** How a return already asked for is going: "what's the status of my return?", "退货进度", "退货到哪一步了". */
    static final GuardedPattern RETURN_PROGRESS = GuardedPattern.of(
            "status of (my|the) return|return (request )?status|(where|how) is my return\\b|my return (is )?going"
                    + "|退货(申请)?(进度|到哪|处理到|怎么样了|审核)|退货.{0,6}(通过了吗|处理了吗)",
            Pattern.CASE_INSENSITIVE, "return", "退货");
    /** Asking for one's money back, as against asking where a refund is. */
    static final GuardedPattern REFUND_REQUEST = GuardedPattern.of(
            "\\b(want|need|like|get|request|demand)( to get)? (a |my |full )?refund\\b|我要退款|申请退款|想退款|要求退款",
            Pattern.CASE_INSENSITIVE, "refund", "退款");
    /** "where is DD…", "DD…到哪了": that order's status, whatever the conversation was about before. */
    static final GuardedPattern WHERE_IS = GuardedPattern.of("where('s| is| are)|到哪|在哪|到什么地方",
            Pattern.CASE_INSENSITIVE, "where", "到哪", "在哪", "到什么地方");
    /** Words of a cancellation: a cancel flow needs one. */
    private static final GuardedPattern SAYS_CANCEL = GuardedPattern.of(
            "cancel|call off|取消|撤单|撤销|不买了|退单|不要这个订单",
            Pattern.CASE_INSENSITIVE, "cancel", "call off", "取消", "撤单", "撤销", "不买了", "退单", "不要这个订单");
    /**
     * A cancellation the shopper says they did not make: "I didn't cancel it", "不是我取消的", "我没有取消过"; not
     * "please don't cancel it" nor "为什么还没取消" (a cancellation still wanted).
     */
    private static final GuardedPattern NOT_MY_CANCELLATION = GuardedPattern.of(
            "\\b(didn'?t|did not|never|haven'?t|have not)"
                    + " (ask(ed)? (you )?to |request(ed)? (to )?|want(ed)? to )?cancel"
                    + "|cancel+ed (it |them |my order )?without|不是我取消|谁(给我)?取消"
                    + "|(?<![还仍])我?(从来?没有?|并没有?|没有?|未)(申请|要求|想|点过?|操作)?取消(过|的|啊|呀|[，,。！!]|$)",
            Pattern.CASE_INSENSITIVE, "cancel", "取消");
    /** A cancellation that already happened: "my order was cancelled", "订单被取消了", "why did you cancel it". */
    private static final GuardedPattern ALREADY_CANCELLED = GuardedPattern.of(
            "\\b(was|were|been|got|is) (automatically |auto-?)?cancel+ed|why (did|was|were|has) .{0,30}cancel"
                    + "|被(自动)?取消|自动取消了|为什么.{0,10}取消了|怎么.{0,6}取消了",
            Pattern.CASE_INSENSITIVE, "cancel", "取消");
    /** Words of an address change: the address flow needs one. */
    private static final GuardedPattern SAYS_ADDRESS = GuardedPattern.of(
            "address|ship (it |them )?to|deliver(ed)? (it )?to|send (it )?to|地址|送到|寄到|收货人|收件人|改到|发到",
            Pattern.CASE_INSENSITIVE, "address", "ship", "deliver", "send", "地址", "送到", "寄到", "收货人", "收件人",
            "改到", "发到");
    /** The shopper needs a moment: "hmm let me think", "give me a sec", "稍等", "我想想". The whole message. */
    private static final Pattern TAKING_TIME = Pattern.compile(
            "(?:(?:hmm+|um+|ok|okay|wait)[ ,.]*)?(?:let me (?:think|check|see|look)(?: about it| it over)?"
            + "|give me (?:a )?(?:sec|second|minute|moment)|(?:one|a|just a) (?:sec|second|minute|moment)|hold on|hang on"
            + "|wait a (?:sec|second|minute|moment))"
            + "|(?:嗯+|好)?[，,]?(?:我)?(?:想想|想一想|考虑一下|考虑考虑|再想想|再看看|看一下|稍等|等一下|等等)(?:吧|哈|啊)?",
            Pattern.CASE_INSENSITIVE);
    /** English chat shorthand and what it stands for. */
    private static final Map<String, String> SHORTHAND_WORDS = Map.ofEntries(Map.entry("u", "you"),
            Map.entry("ur", "your"), Map.entry("r", "are"), Map.entry("pls", "please"), Map.entry("plz", "please"),
            Map.entry("thx", "thanks"), Map.entry("wat", "what"), Map.entry("wen", "when"), Map.entry("cuz", "because"),
            Map.entry("coz", "because"), Map.entry("ppl", "people"), Map.entry("msg", "message"), Map.entry("pic", "picture"),
            Map.entry("pics", "pictures"), Map.entry("asap", "as soon as possible"), Map.entry("b4", "before"),
            // common misspellings of the words the shop's requests hinge on
            Map.entry("retrun", "return"), Map.entry("reutrn", "return"), Map.entry("refnud", "refund"),
            Map.entry("cancle", "cancel"), Map.entry("adress", "address"), Map.entry("addres", "address"),
            Map.entry("delivary", "delivery"), Map.entry("recieve", "receive"), Map.entry("recieved", "received"),
            Map.entry("ordr", "order"), Map.entry("exchnage", "exchange"));
    /**
     * Homophone slips of Chinese input methods in the shop's key words ("定单" for 订单, "推货" for 退货); not where
     * the characters are right ("一定单独发", "预定单"; "货物留在门口" has 物留, so that slip is not corrected).
     */
    private static final Map<String, String> CHINESE_SLIPS = Map.of("定单", "订单", "推货", "退货", "快第", "快递");
    private static final Pattern CHINESE_SLIP = Pattern.compile("(?<![一预])定单(?!独)|推货|快第");
    private static final Pattern SHORTHAND = Pattern.compile(
            "(?<![\\p{L}\\p{N}'])(" + String.join("|", SHORTHAND_WORDS.keySet()) + ")(?![\\p{L}\\p{N}'])",
            Pattern.CASE_INSENSITIVE);
    /** Words of a parcel's journey: a tracking number beside them is asked after. */
    private static final Pattern DELIVERY_WORDS = Pattern.compile(
            "快递|物流|运单|包裹|单号|\\b(tracking|parcel|package|courier|shipment)\\b", Pattern.CASE_INSENSITIVE);
    /** A courier's tracking number: two to four letters and 9 to 15 digits ("SF1234567890", "YT9876543210"). */
    private static final Pattern TRACKING_NUMBER = Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{2,4}[0-9]{9,15})(?![A-Za-z0-9])");
    /** Words that ask how an order is doing, besides "where is": "什么时候到", "发货了吗", "怎么样了", "arrived". */
    private static final Pattern ORDER_STATE_WORDS = Pattern.compile(
            "什么时候到|到了吗|到没|发货|怎么样了|进度|\\b(arrive[sd]?|shipped|delivered|status)\\b", Pattern.CASE_INSENSITIVE);
    /** The orders a tracking number is looked up among: the newest shipped or delivered ones. */
    private static final int TRACKED_ORDERS = 10;
    private static final Set<OrderStatus> TRACKED_STATUSES = java.util.EnumSet.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    /** A tracking number in a longer text (a pasted e-mail) is not looked up. */
    private static final int MAX_TRACKED_TEXT = 200;
    /** A request in the first person at the start of a message: "我要换货", "I want to return it", "please exchange". */
    private static final Pattern ASKS_TO_HAVE_IT_DONE = Pattern.compile(
            "^(我要|我想|我需要|想要|帮我|请帮我|麻烦帮我|申请)|^(i want to|i'd like to|i would like to|i need to|please)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * A condition of the return policy in a question about returns ("after 10 days", "a used item", "拆封了",
     * "超过7天"): it asks what the policy allows, not to return an order.
     */
    private static final GuardedPattern RETURN_CONDITION = GuardedPattern.of(
            "\\b(after|past|over|more than|within) \\d+ days?\\b|\\b(used|opened|worn|washed|unboxed)\\b"
                    + "|without (the |a )?(box|tags?|receipt|packaging|invoice)"
                    + "|\\b(sale|discounted|clearance) items?\\b"
                    + "|超过\\d+天|\\d+天(后|以后|之后)|用过|拆封|拆了|穿过|洗过|试用过"
                    + "|没有?(包装|吊牌|发票|盒子)|特价|打折|清仓",
            Pattern.CASE_INSENSITIVE, "after", "past", "over", "more than", "within", "used", "opened", "worn",
            "washed", "unboxed", "without", "sale", "discounted", "clearance", "天", "用过",
            "拆", "穿过", "洗过", "没", "特价", "打折", "清仓");
    /** What was received: "arrived", "came", "received", "收到", "到货", "刚到". */
    private static final GuardedPattern RECEIVED = GuardedPattern.of(
            "\\b(arrived|came|received|got it|delivered)\\b|收到|到货|刚到|送到|送来|拿到",
            Pattern.CASE_INSENSITIVE, "arrived", "came", "received", "got it", "delivered", "收到", "到货", "刚到", "送到",
            "送来", "拿到");
    /** A message that starts with a command to change an order: "change my address", "取消订单", "请帮我改地址". */
    private static final Pattern IMPERATIVE = Pattern.compile(
            "^(please |pls |can you |could you )?(change|update|correct|fix|modify|cancel)\\b"
                    + "|^(请|麻烦)?(帮我|给我)?(修改|更改|改一下|改|取消)",
            Pattern.CASE_INSENSITIVE);
    /** A question about a request rather than the request itself: "我想问一下怎么换货", "I want to know how". */
    private static final Pattern ASKS_ABOUT = Pattern.compile(
            "问一下|问问|了解|知道|咨询|怎么|如何|多久|运费|谁出|\\b(know|ask|how|why|when|cost|fee|policy)\\b",
            Pattern.CASE_INSENSITIVE);

    /** An opening that only announces the request: "我还有个问题，", "另外，", "one more thing:". */
    private static final Pattern LEAD_IN = Pattern.compile(
            "^(?:(?:我)?(?:还有|另外|再问)(?:一)?个?(?:问题|事情?)|还有|另外|对了|顺便问一下|one more (?:thing|question)"
                    + "|another question|also|btw|by the way)\\s*[，,。:：!！]\\s*",
            Pattern.CASE_INSENSITIVE);

    /** A return of the named order: "return DD…", "退货 DD…", "send it back" (not the return policy or window). */
    private static final GuardedPattern RETURN_THIS = GuardedPattern.of(
            "\\breturn\\b(?! (policy|window|period|status|shipping|label|fee|address))|send (it |this |them )?back|退货|退掉|退回去",
            Pattern.CASE_INSENSITIVE, "return", "send", "退货", "退掉", "退回去");
    /** The bot's answer did not help: "还是不行", "没用", "still doesn't work", "that didn't help". */
    private static final GuardedPattern STILL_FAILING = GuardedPattern.of(
            "还是不行|还是不可以|还是没用|还是失败|还是付不了|还是不能|没有用|没用|不管用|没解决|没能解决"
                    + "|still (doesn'?t|does not|not|won'?t|can'?t|fails|failing|isn'?t)|(didn'?t|did not|doesn'?t) help"
                    + "|(that|it) didn'?t work|not working still",
            Pattern.CASE_INSENSITIVE, "还是", "没用", "没有用", "不管用", "没解决", "没能解决", "still", "help", "didn");
    /** Words that point back at what was just said: "it", "that one", "它", "这个". */
    private static final GuardedPattern POINTS_BACK = GuardedPattern.of(
            "\\b(it|that|this|them|those|these)\\b|它|这个|那个|这些|那些", Pattern.CASE_INSENSITIVE,
            "it", "that", "this", "them", "those", "these", "它", "这个", "那个", "这些", "那些");
    /** A follow-up that points back is short; a longer message is a question of its own. */
    private static final int MAX_POINTING_WORDS = 10;
    /** A question this short ("要多久？", "how long?", "is it free?") is about the conversation's topic. */
    private static final int FEW_WORDS = 4;
    private static final int FEW_CHARS = 24;
    /** A Chinese question this short ("收费吗？", "要多久") names nothing of its own. */
    private static final int FEW_HAN_CHARS = 5;
    /** What a flow or topic is about, in the knowledge base's words (Chinese, English): a follow-up's context. */
    private static final Map<String, List<String>> TOPIC_WORDS = Map.ofEntries(
            Map.entry(Flows.RETURN_EXCHANGE, List.of("退货退款", "return and refund")),
            Map.entry("return_request", List.of("退货退款", "return and refund")),
            Map.entry("refund_policy", List.of("退货退款", "return and refund")),
            Map.entry("exchange_request", List.of("换货", "exchange")),
            Map.entry(Flows.REFUND_STATUS, List.of("退款", "refund")),
            Map.entry(Flows.ORDER_STATUS, List.of("快递包裹", "parcel delivery")),
            Map.entry(Flows.DELIVERY_TIME, List.of("快递包裹", "parcel delivery")),
            Map.entry("logistics_tracking", List.of("快递包裹", "parcel delivery")),
            Map.entry(Flows.CANCEL_ORDER, List.of("取消订单", "cancel order")),
            Map.entry(Flows.CHANGE_ADDRESS, List.of("修改收货地址", "change delivery address")));
    static final GuardedPattern FOLLOW_UP = GuardedPattern.of(
            "^(那|那么|还有|那个|它|and\\b|what about|how about|also\\b)", Pattern.CASE_INSENSITIVE,
            "那", "还有", "它", "and", "what about", "how about", "also");
    private static final Pattern NON_LANGUAGE = Pattern.compile(
            // order numbers (also "#DD-2026-1103-003"), tracking numbers ("SF1234567890"), emails, digits
            "#?[Dd][Dd][ \\-]?[0-9][0-9\\-]*|\\b[A-Za-z]{1,4}[0-9]{6,}\\b|[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}"
                    + "|[0-9]+");
    /** The bot's own quick-reply labels map to their intent without guessing. */
    private static final Map<String, String> QUICK_REPLY_INTENTS = Map.ofEntries(
            Map.entry("查询订单", "order_status"), Map.entry("track my order", "order_status"),
            Map.entry("退换货", "return_request"), Map.entry("return or exchange", "return_request"),
            Map.entry("退款进度", "refund_status"), Map.entry("refund status", "refund_status"),
            Map.entry("申请退货", "return_request"), Map.entry("return it", "return_request"),
            Map.entry("退货", "return_request"), Map.entry("return", "return_request"),
            Map.entry("取消订单", "cancel_order"), Map.entry("cancel the order", "cancel_order"),
            Map.entry("什么时候到", "delivery_time"), Map.entry("when will it arrive", "delivery_time"));
    /** Informational intents whose FAQ entry has another id: the answer when the FAQ search found nothing. */
    private static final Map<String, String> DEFAULT_ENTRY = Map.ofEntries(
            Map.entry("refund_policy", "return_7_day_no_reason"), Map.entry("invoice", "invoice_request"),
            Map.entry("coupon_promotion", "coupon_how_to_use"), Map.entry("warranty_repair", "warranty_repair_process"),
            Map.entry("password_reset", "account_password_reset"), Map.entry("change_account_info", "account_change_phone"),
            Map.entry("membership_vip", "membership_benefits"), Map.entry("stock_availability", "product_stock"),
            Map.entry("price_question", "price_protection"), Map.entry("delivery_time", "shipping_time"),
            Map.entry("logistics_tracking", "order_tracking"));
    /**
     * Answers that ask for an order number to do something a flow does ("send us the order number and new address"),
     * and the intent of that flow: the number alone, sent next, starts it.
     */
    private static final Map<String, String> ORDER_ASKED_BY_ANSWER = Map.of(
            "faq:shipping_change_address", "change_address");
    /** The knowledge-base entry on cancelling an order, which says where the money goes. */
    private static final String CANCEL_ENTRY = "order_cancel";
    private static final double ACTION_FLOW_CONFIDENCE = 0.7;
    /** The intent's confidence enough for a command ({@link #IMPERATIVE}) to start the flow that changes an order. */
    private static final double COMMAND_FLOW_CONFIDENCE = 0.5;
    /**
     * An account-security handoff (urgent, priority 3, "change your password now") on the intent alone needs this
     * much confidence; a security word ({@link #SECURITY}) is enough at any. The lexical model gave "my house",
     * "my car" and "my wife" account_security at 0.58.
     */
    private static final double SECURITY_INTENT_CONFIDENCE = 0.75;
    private static final double CONSISTENT_HIT_CONFIDENCE = 0.8;
    private static final Set<String> SMALL_TALK = Set.of("greeting", "thanks", "goodbye", "csat_answer", "chitchat");
    /**
     * Small talk that carries no question: when the intent model is this sure of one of these, the turn is answered
     * as small talk even if the knowledge base has a confident hit. The knowledge base's confidence is fitted on
     * questions and is unreliable on a two-word social message ("good morning" matched a damaged-item paraphrase's
     * "morning", "ok" a return-policy paraphrase's "ok"). Chitchat is not among them: shop questions put to the bot
     * ("are you open on Sundays?", "你们卖的是正品吗") read as chitchat and belong to the FAQ. Below the bar, a social
     * opening with a question after it ("thanks, and how long does a refund take?", 0.58) still gets the FAQ.
     */
    private static final Set<String> SOCIAL = Set.of("greeting", "thanks", "goodbye", "csat_answer");
    private static final double SOCIAL_OVER_FAQ_CONFIDENCE = 0.8;
    /**
     * Intents whose messages name the agents without asking for one now: "人工客服几点下班", "4/5, the agent was
     * helpful". When the intent model is confident of one of these, the keyword net for human requests ("人工",
     * "agent") stays down; the model's own human_request, and a request it does not recognise, still hand off.
     */
    /** Intents that may name the agents without asking for one ("thanks, the agent was great"). */
    private static final Set<String> ABOUT_AGENTS = Set.of("service_hours", "csat_answer", "thanks", "goodbye");

    private final Understanding nlu;
    private final FaqRetriever kb;
    private final Stores stores;
    private final DialogueSettings settings;
    private final Clock clock;
    private final EntityExtractor entities;
    private final PersonalDataMasker masker = new PersonalDataMasker();
    private final Handoffs handoffs;
    private final Flows flows;
    private final OrderApi orders;

    public DialogueEngine(Understanding nlu, FaqRetriever kb, OrderApi orders, Stores stores, DialogueSettings settings,
            Clock clock) {
        this.nlu = Objects.requireNonNull(nlu, "nlu");
        this.kb = Objects.requireNonNull(kb, "kb");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entities = new EntityExtractor(clock);
        this.handoffs = new Handoffs(settings, stores.unanswered(), masker, clock);
        this.orders = Objects.requireNonNull(orders, "orders");
        this.flows = new Flows(orders, settings, handoffs, clock);
    }

    @Override
    public boolean withdrawsHandoff(String typed) {
        String text = SimplifiedChinese.of(typed); // "取消排隊" too: the word lists are Simplified
        String norm = lowerWithoutTrailingPunctuation(text);
        // "算了，我的另一个订单到哪了": dropped the wait for something the bot can answer (it stayed queued, unanswered);
        // "算了，我还是等人工吧" still waits
        boolean somethingElse = NEVER_MIND_THEN.matcher(text.strip()).matches() && !HUMAN.find(text)
                && !STILL_WAITING.matcher(text).find();
        return WITHDRAW_WORDS.contains(norm) || CANCEL_PHRASE.matcher(norm).matches() || LEAVE_QUEUE.find(norm)
                || somethingElse;
    }

    @Override
    public ChineseScript shoppersScript(ConversationId conversation, String shopperText) {
        ChineseScript stored = stores.states().load(conversation).map(DialogueState::script)
                .orElse(ChineseScript.SIMPLIFIED);
        return ChineseScript.of(shopperText == null ? "" : shopperText, stored);
    }

    @Override
    public BotDecision decide(BotTurn botTurn) {
        try (ConversationLog.Scope ignored = ConversationLog.scope(botTurn.conversationId())) {
            return decideLogged(botTurn, true);
        }
    }

    /** The decision without saving the dialogue state: a preview neither starts nor moves a flow. */
    @Override
    public BotDecision preview(BotTurn botTurn) {
        try (ConversationLog.Scope ignored = ConversationLog.scope(botTurn.conversationId())) {
            return decideLogged(botTurn, false);
        }
    }

    private BotDecision decideLogged(BotTurn botTurn, boolean remember) {
        DialogueState previous = stores.states().load(botTurn.conversationId())
                .orElseGet(() -> DialogueState.initial(fallbackLanguage(botTurn, null), clock.instant()));
        DialogueState.Draft d = previous.draft();
        Turn turn = inContext(understand(botTurn, previous), d);
        d.language = turn.language();
        d.script = ChineseScript.of(botTurn.text(), d.script);
        d.addEntities(maskedEntities(turn.entities()));
        BotDecision decision;
        try {
            decision = policy(turn, d);
        } catch (OrderApiException e) {
            LOG.warn("order API failure conversation={} flow={} step={}: {}", botTurn.conversationId(), d.flow, d.step,
                    e.getMessage());
            decision = handoffs.handoff(turn, d, Handoffs.BACKEND_FAILURE, d.flow.isEmpty() ? d.lastTopic : d.flow, "");
        } catch (RuntimeException e) {
            // never show a stack trace to the shopper: apologise and let a person take over
            LOG.error("dialogue failure conversation={}", botTurn.conversationId(), e);
            decision = handoffs.handoff(turn, d, Handoffs.BOT_ERROR, d.flow.isEmpty() ? d.lastTopic : d.flow, "");
        }
        d.intentPath.add(decision.intent());
        if (decision instanceof BotDecision.Handoff) {
            d.endFlow();
            d.lowConfidenceStreak = 0;
            d.negativeStreak = 0;
        }
        if (remember && !stores.states().save(botTurn.conversationId(), d.build(clock.instant()))) {
            LOG.warn("dialogue state of conversation={} changed concurrently; this turn's state was not stored",
                    botTurn.conversationId());
        }
        return ReplyScript.in(d.script, decision);
    }

    private Turn understand(BotTurn raw, DialogueState previous) {
        // a shopper writing Traditional Chinese is understood with the Simplified data and word lists
        String text = withShorthandSpelledOut(withoutLeadIn(SimplifiedChinese.of(raw.text().strip())));
        String language = languageOf(text, raw, previous);
        Entities found = withOrderReference(entities.extract(text), text, raw);
        Sentiment sentiment = nlu.sentiment().analyze(text);
        IntentPrediction prediction = text.isEmpty()
                ? new IntentPrediction("oos", 0.0, true, language, List.of())
                : nlu.intents().classify(text);
        FaqResult faq = text.isEmpty() ? new FaqResult(language, FaqDecision.NONE, List.of()) : kb.search(text, language, 3);
        return new Turn(raw, text, language, found, sentiment, prediction, faq, "");
    }

    /**
     * A tracking number instead of an order number ("SF1234567890到哪了"): the shopper's shipped or delivered order
     * with that number, as if they had named the order (it was not looked up: "which order is it?"); and "where is"
     * an item ("保温杯到哪了"): their one recent order with it. Unchanged when the message names an order, or no
     * recent order (or several) fits.
     */
    private Entities withOrderReference(Entities found, String text, BotTurn raw) {
        if (!found.orderNumbers().isEmpty() || text.length() > MAX_TRACKED_TEXT) {
            return found;
        }
        Matcher m = TRACKING_NUMBER.matcher(text);
        boolean tracked = m.find();
        if (!tracked && !WHERE_IS.find(text) && !ORDER_STATE_WORDS.matcher(text).find()) {
            return found;
        }
        try {
            if (tracked) {
                String tracking = m.group(1);
                for (Order o : orders.recentOrders(raw.customer().id().value(), TRACKED_ORDERS, TRACKED_STATUSES)) {
                    if (tracking.equalsIgnoreCase(o.trackingNumber())) {
                        return withOrder(found, o.orderId());
                    }
                }
                return found;
            }
            // "保温杯到哪了", "where are my earbuds?": the one recent order with that item ("where is my order?" names none)
            return flows.orderNamedByItem(raw.customer().id().value(), text, Set.of())
                    .map(o -> withOrder(found, o.orderId())).orElse(found);
        } catch (OrderApiException e) {
            // the flow that follows asks for the order number, and meets the order API's failure itself if it persists
            return found;
        }
    }

    /**
     * A courier tracking number in a short message that names no order ({@link #withOrderReference} turns a known
     * one into its order): one the shopper's recent shipped or delivered orders do not carry.
     */
    private static Optional<String> unknownTrackingNumber(Turn turn) {
        if (!turn.entities().orderNumbers().isEmpty() || turn.text().length() > MAX_TRACKED_TEXT) {
            return Optional.empty();
        }
        Matcher m = TRACKING_NUMBER.matcher(turn.text());
        if (!m.find() || m.group(1).toUpperCase(Locale.ROOT).startsWith("DD")) {
            return Optional.empty();
        }
        // a bare number, or one asked after ("到哪了", "where is", "parcel"); not a serial number in a fault report
        boolean aboutDelivery = turn.text().strip().equals(m.group(1)) || WHERE_IS.find(turn.text())
                || ORDER_STATE_WORDS.matcher(turn.text()).find() || DELIVERY_WORDS.matcher(turn.text()).find();
        return aboutDelivery ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Entities withOrder(Entities found, String orderId) {
        return new Entities(List.of(orderId), found.phones(), found.emails(), found.amounts(), found.dates());
    }

    /**
     * Chat shorthand spelled out and common slips corrected for the models, trained on whole, well-spelt words: "do u
     * take paypal", "I want to retrun it" and "我的定单到哪了" were not understood.
     */
    static String withShorthandSpelledOut(String typed) {
        String text = typed;
        Matcher slip = CHINESE_SLIP.matcher(typed);
        if (slip.find()) {
            text = slip.replaceAll(r -> CHINESE_SLIPS.get(r.group()));
        }
        Matcher m = SHORTHAND.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, SHORTHAND_WORDS.get(m.group(1).toLowerCase(Locale.ROOT)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** The text without a lead-in, when something follows it ("我还有个问题，我要退货" got the FAQ, not the flow). */
    static String withoutLeadIn(String text) {
        Matcher m = LEAD_IN.matcher(text);
        return m.lookingAt() && m.end() < text.length() ? text.substring(m.end()) : text;
    }

    private BotDecision policy(Turn turn, DialogueState.Draft d) {
        String norm = lowerWithoutTrailingPunctuation(turn.text());
        if (d.inFlowNow() && (CANCEL_WORDS.contains(norm) || CANCEL_PHRASE.matcher(norm).matches()
                || !d.flow.equals(Flows.CANCEL_ORDER) && Flows.saysCancel(turn.text()))
                && !Flows.cancelMeansYes(turn, d)) {
            return cancelFlow(turn, d);
        }
        if (d.flow.equals(Flows.RETURN_EXCHANGE) && Flows.SWITCH_OPTION.matcher(turn.text()).find()
                && !Flows.QUESTION.matcher(turn.text()).find()) {
            // "算了，我还是换货吧" at the photo step: the same request for the same order, now the other option (the
            // flow was dropped, and the order, the defect and the photo step with it)
            boolean exchange = Flows.switchesToExchange(turn.text());
            d.slots.put("preferred", exchange ? "exchange" : "return");
            if (d.step.equals(Flows.OFFER)) {
                Optional<BotDecision> chosen = flows.proceed(turn, d);
                if (chosen.isPresent()) {
                    return chosen.get();
                }
            }
            return flows.ask(turn, d, exchange ? turn.t("好的，可以改为换货。", "Sure, an exchange it is. ")
                    : turn.t("好的，可以改为退货。", "Sure, a return it is. "));
        }
        if (d.inFlowNow() && NEVER_MIND_THEN.matcher(turn.text()).matches()
                && !(d.step.equals(Flows.CONFIRM) && Flows.KEEP_IT.find(turn.text()))) {
            // "ok, never mind, where is my other order?": the flow is dropped and the rest is a new request
            // ("ok never mind, keep the order" at a confirmation is its answer instead: no)
            d.abandonFlow();
        }
        Optional<String> unknownTracking = unknownTrackingNumber(turn);
        if (unknownTracking.isPresent() && (!d.inFlowNow() || d.step.equals(Flows.ASK_ORDER))) {
            // "SF9999999999到哪了" with a number none of the shopper's recent orders carries: it was a list of FAQ
            // questions, and asked again, a handoff
            String flow = d.inFlowNow() ? d.flow
                    : Skills.FLOW_OF_INTENT.getOrDefault(turn.prediction().intent(), Flows.ORDER_STATUS);
            return flows.trackingNumberNotFound(turn, d, flow, unknownTracking.get());
        }
        if (TAKING_TIME.matcher(lowerWithoutTrailingPunctuation(turn.text())).matches()) {
            // "hmm let me think" read as a request for a person and queued the shopper; at a step it became the reason
            d.botActions.add("smalltalk:wait");
            return new BotDecision.Answer("chitchat", turn.prediction().confidence(), turn.language(),
                    turn.t("好的，不着急，想好了随时告诉我。", "Sure, take your time. Just reply when you're ready."),
                    List.of(), null);
        }
        if (!d.inFlowNow() && POINTS_TO_A_FILE.matcher(lowerWithoutTrailingPunctuation(turn.text())).matches()) {
            // "see attached" with an e-mail's file read as goodbye: the bot cannot read the file, a person can
            d.botActions.add("smalltalk:file");
            d.lowConfidenceStreak = 0;
            boolean sent = !turn.raw().attachments().isEmpty();
            return new BotDecision.Clarify("chitchat", turn.prediction().confidence(), turn.language(),
                    turn.t((sent ? "收到您的文件了。" : "") + "我没法查看文件内容，请用一句话告诉我是什么问题，或者转人工客服查看。",
                            (sent ? "Thanks, I've got your file. " : "") + "I can't read files myself: tell me in a few"
                                    + " words what it's about, or I can pass it to a person."),
                    List.of(turn.t("人工客服", "Talk to an agent")));
        }
        if (ANNOUNCES_A_QUESTION.matcher(lowerWithoutTrailingPunctuation(turn.text())).matches()) {
            // "还有一个问题", "I have another question": the question comes next (a list of unrelated FAQs came)
            d.botActions.add("smalltalk:go_ahead");
            return new BotDecision.Answer("chitchat", turn.prediction().confidence(), turn.language(),
                    turn.t("好的，请说。", "Sure, what's your question?"), List.of(), null);
        }
        if ((OTHER_ORDER.find(turn.text()) || OTHER_ONE.matcher(turn.text().strip()).matches())
                && turn.entities().orderNumbers().isEmpty() && !d.lastOrderId.isEmpty()
                && !(d.inFlowNow() && d.step.equals(Flows.ASK_ORDER))) {
            // "my other order", "and the other one?": not the one the conversation found before; asked in the middle
            // of a return about that order, the return is left (the question became the return's reason)
            String topic = d.inFlowNow() ? d.flow : d.lastTopic;
            if (d.inFlowNow()) {
                d.abandonFlow();
            }
            d.otherThan = d.lastOrderId;
            d.lastOrderId = "";
            if (OTHER_ONE.matcher(turn.text().strip()).matches()) {
                // no request of its own: the same question about the other order (it got the exchange flow)
                String topicFlow = Skills.FLOW_OF_INTENT.getOrDefault(intentOfFlow(topic), Flows.ORDER_STATUS);
                return flows.start(topicFlow, turn, d);
            }
        }
        if (d.inFlowNow() && d.step.equals(Flows.ASK_ORDER) && WHERE_IS.find(turn.text())
                && !turn.entities().orderNumbers().isEmpty()
                && !Flows.ORDER_STATUS.equals(d.flow) && !Flows.DELIVERY_TIME.equals(d.flow)) {
            // "等一下，先帮我查下DD…到哪了" while a return asks which order: where that order is, not a return check
            d.abandonFlow();
            return flows.start(Flows.ORDER_STATUS, turn, d);
        }
        if (d.inFlowNow() && flows.isOfferedReply(turn, d)) {
            // the step's own quick reply, tapped or typed: the flow takes it before any intent-driven handoff
            Optional<BotDecision> next = flows.proceed(turn, d);
            if (next.isPresent()) {
                d.lowConfidenceStreak = 0;
                return next.get();
            }
        }
        ShortReplies.Kind shortReply = ShortReplies.of(turn.text());
        if (shortReply != ShortReplies.Kind.NONE) {
            return shortReply(turn, d, shortReply);
        }
        double threshold = settings.intentThreshold();
        String intent = turn.confidentIntent(threshold);
        if (intent.equals("csat_answer") && !RATING_LIKE.find(turn.text())) {
            // digits alone ("asdkjh 4111 1111 1111 1111") read as a rating: nothing in them rates anything
            intent = "";
        }
        if (!d.inFlowNow() && Flows.BARE_NUMBER.matcher(turn.text().strip()).matches()) {
            // "1", "5" read as goodbye (0.79), "3" as the instalment answer ("3/6/12期"): a number alone asks nothing
            return notUnderstood(turn, d, "oos");
        }
        boolean asksForHuman = intent.equals("human_request")
                || (!ABOUT_AGENTS.contains(intent) && HUMAN.find(turn.text()));
        if (settings.handoffOnHumanRequest() && asksForHuman) {
            if (settings.handoffOnComplaint() && (turn.prediction().intent().equals("complaint")
                    || COMPLAINT_WORDS.find(turn.text()))) {
                // "我要投诉…转人工": a complaint that asks for a person is counted and prioritised as a complaint
                return complaintHandoff(turn, d);
            }
            return handoffs.handoff(turn, d, Handoffs.HUMAN_REQUEST, topic(d, intent), "");
        }
        if (settings.handoffOnAccountSecurity()
                && ((intent.equals("account_security") && turn.prediction().confidence() >= SECURITY_INTENT_CONFIDENCE)
                        || SECURITY.find(turn.text()))) {
            return handoffs.handoff(turn, d, Handoffs.ACCOUNT_SECURITY, "account_security",
                    turn.t("为保障账户安全，请先修改登录密码并冻结支付。", "To protect your account, please change your password and freeze payments now. "));
        }
        Sentiment sentiment = turn.sentiment();
        d.negativeStreak = sentiment.negativeScore() >= settings.negativeThreshold() ? d.negativeStreak + 1 : 0;
        if (settings.handoffOnAnger() && sentiment.angry()) {
            return handoffs.handoff(turn, d, Handoffs.NEGATIVE_SENTIMENT, topic(d, intent), "");
        }
        if (!d.inFlowNow() && !COMPLAINT_WORDS.find(turn.text())) {
            // "my kettle DD… arrived broken", "屏幕有划痕，刚收到的": what a return or exchange with a photo is for.
            // It was the order's status ("has been delivered"), an FAQ answer, not understood, or a complaint handoff,
            // depending on the words. The order found by its item is handed to the flow, which looked it up again.
            boolean arrivedFaulty = arrivedFaulty(turn);
            Optional<Order> faultyItem = arrivedFaulty ? Optional.empty() : faultyItemOfAnOrder(turn);
            if (arrivedFaulty || faultyItem.isPresent()) {
                d.lowConfidenceStreak = 0;
                return withApologyAlways(turn, flows.start(Flows.RETURN_EXCHANGE, turn, d, faultyItem));
            }
        }
        if (settings.handoffOnComplaint() && intent.equals("complaint") && !praise(turn)) {
            if (d.inFlowNow() && !COMPLAINT_WORDS.find(turn.text())) {
                // "质量问题，坏了" at the return reason step is the reason (read as a complaint at 0.56); a
                // complaint that says so ("我要投诉") still goes to a person
                Optional<BotDecision> next = flows.proceed(turn, d);
                if (next.isPresent()) {
                    d.lowConfidenceStreak = 0;
                    return next.get();
                }
            }
            return complaintHandoff(turn, d);
        }
        if (settings.negativeTurns() > 0 && d.negativeStreak >= settings.negativeTurns()) {
            return handoffs.handoff(turn, d, Handoffs.NEGATIVE_SENTIMENT, topic(d, intent), "");
        }
        if (d.inFlowNow()) {
            Optional<BotDecision> next = flows.proceed(turn, d);
            if (next.isPresent()) {
                d.lowConfidenceStreak = 0;
                return next.get();
            }
            if (Flows.namesAnotherOrder(turn, d)) {
                // "where is DD…?" about another order: the flow is left and the message handled as its new topic
                d.abandonFlow();
                return policyAfterFlow(turn, d, intent);
            }
            if (Flows.CANCEL_ORDER.equals(d.flow) && REFUND_WORDS.find(turn.text())
                    && Flows.QUESTION.matcher(turn.text()).find() && kb.entry(CANCEL_ENTRY).isPresent()) {
                // "wait, will I get a refund?" before confirming a cancellation: what cancelling does with the money
                // (the 7-day return policy came)
                d.botActions.add("faq:" + CANCEL_ENTRY);
                d.lowConfidenceStreak = 0;
                return flows.afterSideAnswer(turn, d,
                        kb.answer(CANCEL_ENTRY, turn.language(), turn.raw().channel()).orElse(""));
            }
            if (isSideQuestion(turn, d, intent)) {
                FaqHit hit = intentConsistentHit(turn, turn.faq(), intent);
                d.botActions.add("faq:" + hit.entryId());
                d.lowConfidenceStreak = 0;
                return flows.afterSideAnswer(turn, d,
                        kb.answer(hit.entryId(), turn.language(), turn.raw().channel()).orElse(""));
            }
            if (d.step.equals(Flows.CONFIRM) && Flows.QUESTION.matcher(turn.text()).find()
                    && turn.entities().orderNumbers().isEmpty()) {
                // "wait, what happens to my points?" before confirming a cancellation: answered from the intent's own
                // entry if it has one, and the confirmation asked again (the flow was dropped, and a later "confirm"
                // cancelled nothing)
                Optional<String> entry = intent.isEmpty() ? Optional.empty()
                        : kb.entry(DEFAULT_ENTRY.getOrDefault(intent, intent)).map(FaqEntry::id);
                if (entry.isPresent()) {
                    d.botActions.add("faq:" + entry.get());
                    d.lowConfidenceStreak = 0;
                    return flows.afterSideAnswer(turn, d,
                            kb.answer(entry.get(), turn.language(), turn.raw().channel()).orElse(""));
                }
                return reprompt(turn, d);
            }
            // chit-chat ("哈哈哈" at the reason step) is no new topic: the step's question again, not the flow dropped
            boolean newTopic = !intent.isEmpty() && !intent.equals(d.flow) && !intent.equals("chitchat")
                    && !Skills.FLOW_OF_INTENT.getOrDefault(intent, "").equals(d.flow)
                    && (turn.prediction().confidence() >= 0.8 || turn.faq().decision() == FaqDecision.ANSWER);
            if (!newTopic) {
                return reprompt(turn, d);
            }
            d.abandonFlow();
        }
        return policyAfterFlow(turn, d, intent);
    }

    /** The policy for a turn outside any flow (none was running, or the turn just left one). */
    private BotDecision policyAfterFlow(Turn turn, DialogueState.Draft d, String intent) {
        if (lastActionWasAnswer(d) && STILL_FAILING.find(turn.text()) && turn.entities().orderNumbers().isEmpty()) {
            // "还是不行" after the payment-failed answer: the answer did not help; "didn't understand" or another
            // loosely matching answer (the coupon one for "still doesn't work") did not either
            return handoffs.handoff(turn, d, Handoffs.UNRESOLVED, d.lastTopic,
                    turn.t("抱歉没能帮您解决。", "Sorry that didn't solve it. "));
        }
        if (!d.lastOrderId.isEmpty() && turn.entities().orderNumbers().isEmpty()
                && (Flows.NOT_RECEIVED.find(turn.text()) || Flows.notReceivedAfterDelivered(turn, d))) {
            // "but I never received it!" after the order shown as delivered: that order, which a person checks with
            // the courier (it got the general answer asking for the order number the conversation had)
            d.lowConfidenceStreak = 0;
            return flows.start(Flows.ORDER_STATUS, turn, d);
        }
        if ((intent.isEmpty() || intent.equals("chitchat")) && TOO_SLOW.find(turn.text())
                && turn.entities().orderNumbers().isEmpty()) {
            Optional<BotDecision> slow = tooSlow(turn, d);
            if (slow.isPresent()) {
                return slow.get();
            }
        }
        if (SOMEONE_ELSES_PARCEL.find(turn.text())) {
            // "I received someone else's package": the delivery-not-received answer came; the parcel has to be
            // collected and the shopper's own found, which a person arranges
            return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, Flows.ORDER_STATUS,
                    turn.t("感谢告知，请先不要拆开这个包裹。", "Thanks for telling us; please leave that parcel unopened. "));
        }
        if (SPLIT_PARCELS.find(turn.text()) && turn.entities().orderNumbers().isEmpty()
                && kb.entry(SPLIT_ENTRY).isPresent()) {
            // "why did my order come in two packages?" started the order-status flow
            d.lowConfidenceStreak = 0;
            return answer(turn, d, new FaqHit(SPLIT_ENTRY, 0, turn.prediction().confidence(), null), FAQ_INTENT);
        }
        if (SPEED_UP.find(turn.text()) && turn.entities().orderNumbers().isEmpty() && kb.entry(SPEED_UP_ENTRY).isPresent()) {
            // "能加急吗" about the order in view restated its shipping time; what can (not) be sped up answers it
            d.lowConfidenceStreak = 0;
            return answer(turn, d, new FaqHit(SPEED_UP_ENTRY, 0, turn.prediction().confidence(), null), FAQ_INTENT);
        }
        String guessed = effectiveIntent(turn, d, intent);
        if (guessed.equals("cancel_order") && quickReplyIntent(turn) == null) {
            if (NOT_MY_CANCELLATION.find(turn.text())) {
                // "my order was cancelled but I didn't cancel it": offering to cancel an order was the answer
                return handoffs.handoff(turn, d, Handoffs.NEEDS_HUMAN_DECISION, Flows.CANCEL_ORDER,
                        turn.t("抱歉给您带来困扰。订单不是您取消的，需要人工客服核实原因并为您处理。",
                                "Sorry about that. An order cancelled without you asking needs a person to check why"
                                        + " and put it right. "));
            }
            if (ALREADY_CANCELLED.find(turn.text())) {
                // "我的订单被取消了": a cancellation that happened, so the order's status, not one to make
                guessed = "order_status";
            }
        }
        // a flow that changes an order starts only when the message says so: "I need help with my order" read as
        // cancel_order (0.59) and offered to cancel one
        // An order number alone after the answer about changing the address ("send us the order number") says it
        // with the conversation's topic: it was "didn't quite get that", then a handoff.
        boolean numberForTheTopic = onlyOrderNumbers(turn) && (guessed.equals(intentOfFlow(d.lastTopic))
                || guessed.equals(ORDER_ASKED_BY_ANSWER.get(d.lastAction())));
        boolean unsaid = quickReplyIntent(turn) == null && !numberForTheTopic
                && (guessed.equals("cancel_order") && !SAYS_CANCEL.find(turn.text())
                        || guessed.equals("change_address") && !SAYS_ADDRESS.find(turn.text()));
        String effective = unsaid ? "" : guessed;
        String flow = Skills.FLOW_OF_INTENT.get(effective);
        boolean generalQuestion = flow != null && flow.equals(Flows.DELIVERY_TIME) && d.lastOrderId.isEmpty()
                && turn.entities().orderNumbers().isEmpty() && turn.faq().decision() != FaqDecision.NONE
                // "can I return a used item?", "超过7天还能退吗": the policy, not the return flow's "which order?"
                || Flows.RETURN_EXCHANGE.equals(flow) && turn.entities().orderNumbers().isEmpty()
                        && turn.faq().decision() != FaqDecision.NONE && RETURN_CONDITION.find(turn.text())
                        && !ASKS_TO_HAVE_IT_DONE.matcher(turn.text().strip()).find() && quickReplyIntent(turn) == null;
        // Flows that change an order (cancel, new address) do what the FAQ can only describe: a confident
        // intent for them starts the flow even when the FAQ has a confident how-to answer.
        // So does a return or an exchange asked for in the first person ("我要换货", "I want to return this"), as
        // against a question about them ("退货运费谁出", "我想问一下怎么换货"): the FAQ's policy text was the answer.
        boolean actionFlow = (Flows.CANCEL_ORDER.equals(flow) || Flows.CHANGE_ADDRESS.equals(flow)
                || Flows.RETURN_EXCHANGE.equals(flow) && ASKS_TO_HAVE_IT_DONE.matcher(turn.text().strip()).find()
                        && !ASKS_ABOUT.matcher(turn.text()).find())
                && (turn.prediction().confidence() >= ACTION_FLOW_CONFIDENCE
                        // "change my address", "取消订单": a command, however sure the model is (0.61 answered it
                        // with the how-to text, which says to send the order number)
                        || IMPERATIVE.matcher(turn.text().strip()).find() && !ASKS_ABOUT.matcher(turn.text()).find()
                                && turn.prediction().confidence() >= COMMAND_FLOW_CONFIDENCE
                        || numberForTheTopic)
                // "what's the status of my return?": the return's progress, which only the flow can read
                || Flows.REFUND_STATUS.equals(flow) && RETURN_PROGRESS.find(turn.text());
        // "And when will it arrive?" about the order this conversation already found: that order's delivery
        // date, not the general shipping-time answer, however confident the FAQ is.
        boolean orderFollowUp = Flows.DELIVERY_TIME.equals(flow) && !d.lastOrderId.isEmpty();
        // "how long will that take?" after a refund's status read as a delivery question: the conversation is about
        // the refund, and the knowledge base found the answer with the refund in front of the message
        boolean offTopicFlow = flow != null && !turn.context().isEmpty() && quickReplyIntent(turn) == null
                && !turn.context().equals(topicWords(flow, turn));
        if (offTopicFlow || effective.isEmpty() && !turn.context().isEmpty()) {
            // the answer is about the conversation's topic ("refund_status"), not the intent read from the words alone
            // (nor the model's unsure guess for "收费吗", delivery_time)
            String topicIntent = intentOfFlow(d.lastTopic);
            effective = !topicIntent.isEmpty() ? topicIntent : d.lastTopic.isEmpty() ? FAQ_INTENT : d.lastTopic;
        }
        if (flow != null && !generalQuestion && !offTopicFlow
                && (quickReplyIntent(turn) != null || actionFlow || orderFollowUp || !faqBeatsIntent(turn))) {
            d.lowConfidenceStreak = 0;
            return apologetic(turn, flows.start(flow, turn, d));
        }
        if (turn.sentiment().negative() && (effective.isEmpty() || effective.equals("chitchat"))
                && turn.entities().orderNumbers().isEmpty() && turn.faq().decision() != FaqDecision.ANSWER) {
            // "you're useless", "😡😡😡": frustration with nothing else to go on got a chit-chat line or "didn't
            // understand"; it gets an apology and a way to a person
            d.lowConfidenceStreak = 0;
            d.botActions.add("smalltalk:frustrated");
            return new BotDecision.Clarify("chitchat", turn.prediction().confidence(), turn.language(),
                    turn.t("抱歉让您不满意了。请告诉我遇到了什么问题，我来帮您处理；也可以直接转人工客服。",
                            "I'm sorry I haven't been helpful. Tell me what went wrong and I'll sort it out, or I can"
                                    + " connect you to a person."), menu(turn));
        }
        boolean plainlySocial = SOCIAL.contains(effective) && effective.equals(turn.prediction().intent())
                && turn.prediction().confidence() >= SOCIAL_OVER_FAQ_CONFIDENCE;
        if (SMALL_TALK.contains(effective) && (turn.faq().decision() != FaqDecision.ANSWER || plainlySocial)) {
            d.lowConfidenceStreak = 0;
            d.lastTopic = d.lastTopic.isEmpty() ? effective : d.lastTopic;
            return smallTalk(turn, d, effective);
        }
        FaqResult faq = turn.faq();
        if (faq.decision() == FaqDecision.ANSWER) {
            d.lowConfidenceStreak = 0;
            d.lastTopic = effective.isEmpty() ? d.lastTopic : effective;
            return answer(turn, d, intentConsistentHit(turn, faq, effective), effective);
        }
        if (faq.decision() == FaqDecision.CLARIFY) {
            Optional<FaqHit> picked = pickedOption(turn, faq);
            if (picked.isPresent()) {
                d.lowConfidenceStreak = 0;
                d.lastTopic = effective.isEmpty() ? d.lastTopic : effective;
                return answer(turn, d, picked.get(), effective);
            }
            if (effective.isEmpty()) {
                d.lowConfidenceStreak++;
                if (tooManyMisses(d)) {
                    return handoffs.handoff(turn, d, Handoffs.LOW_CONFIDENCE, d.lastTopic, ""); // records it once
                }
                handoffs.record(turn, turn.prediction().outOfScope() ? "out_of_scope" : Handoffs.LOW_CONFIDENCE);
            } else {
                d.lowConfidenceStreak = 0;
                d.lastTopic = effective;
            }
            return clarifyFaq(turn, d, faq, effective);
        }
        if (!effective.isEmpty()) {
            Optional<String> fallbackEntry = kb.entry(DEFAULT_ENTRY.getOrDefault(effective, effective)).map(e -> e.id());
            if (fallbackEntry.isPresent()) {
                d.lowConfidenceStreak = 0;
                d.lastTopic = effective;
                return answer(turn, d, new FaqHit(fallbackEntry.get(), 0, turn.prediction().confidence(), null), effective);
            }
        }
        return notUnderstood(turn, d, nonBlank(turn.prediction().intent()));
    }

    /**
     * Not understood: the menu of what the bot can do, or a person after too many misses in a row.
     *
     * @param intent the decision's intent (the classifier's guess, or "oos" where it guessed for a bare digit)
     */
    private BotDecision notUnderstood(Turn turn, DialogueState.Draft d, String intent) {
        d.lowConfidenceStreak++;
        if (tooManyMisses(d)) {
            // the handoff records the question: recording it here as well counted it twice in the curation log
            return handoffs.handoff(turn, d, Handoffs.LOW_CONFIDENCE, d.lastTopic, "");
        }
        handoffs.record(turn, turn.prediction().outOfScope() ? "out_of_scope" : Handoffs.LOW_CONFIDENCE);
        d.botActions.add("clarify:menu");
        String text = turn.raw().attachments().isEmpty()
                ? turn.t("抱歉，我还没理解您的问题。您可以换个说法，或选择下面的服务：", "Sorry, I didn't quite get that. Could you rephrase, or pick one of these?")
                : turn.t("收到您的文件。请问需要办理什么业务？", "Thanks for the file. What can I help you with?");
        return new BotDecision.Clarify(intent, turn.prediction().confidence(), turn.language(),
                withApology(turn, text), menu(turn));
    }

    private BotDecision complaintHandoff(Turn turn, DialogueState.Draft d) {
        return handoffs.handoff(turn, d, Handoffs.COMPLAINT, "complaint",
                turn.t("您的投诉我们非常重视，", "We take your complaint seriously. "));
    }

    private BotDecision cancelFlow(Turn turn, DialogueState.Draft d) {
        String flow = d.flow;
        String orderId = d.slots.getOrDefault("order_id", "");
        d.botActions.add("flow:" + flow + "/cancelled");
        d.lastTopic = flow;
        d.endFlow();
        // stopping a cancellation or an address change says that the order was left alone: "已为您取消当前操作"
        // read as "your order is cancelled"
        String text = (flow.equals(Flows.CANCEL_ORDER) || flow.equals(Flows.CHANGE_ADDRESS)) && !orderId.isEmpty()
                ? turn.t("好的，订单 " + orderId + " 保持不变，没有做任何修改。还有什么可以帮您？",
                        "OK, order " + orderId + " stays as it is; nothing was changed. Anything else I can help with?")
                : turn.t("好的，已为您取消当前操作。还有什么可以帮您？", "OK, I've stopped that. Anything else I can help with?");
        return new BotDecision.FlowStep("flow_cancelled", 1.0, turn.language(), text, menu(turn), flow, "cancelled");
    }

    /** The flow's question again (with an apology if the shopper is upset), or an agent once asked too often. */
    private BotDecision reprompt(Turn turn, DialogueState.Draft d) {
        return apologetic(turn, flows.repromptOrHandOff(turn, d));
    }

    /**
     * "ok", "no thanks", "不是": in a flow, the flow's step takes them if it can ("yes please" confirms a
     * cancellation), "that's all" stops it and anything else asks the step's question again. Outside a flow an
     * acknowledgement gets "anything else?", "that's all" a goodbye, and "that's wrong" an apology and the menu,
     * counted as a miss like any message the bot did not understand.
     */
    private BotDecision shortReply(Turn turn, DialogueState.Draft d, ShortReplies.Kind kind) {
        if (d.inFlowNow()) {
            Optional<BotDecision> next = flows.proceed(turn, d);
            if (next.isPresent()) {
                d.lowConfidenceStreak = 0;
                return next.get();
            }
            return kind == ShortReplies.Kind.DONE ? cancelFlow(turn, d) : reprompt(turn, d);
        }
        d.botActions.add("short:" + kind.name().toLowerCase(Locale.ROOT));
        return switch (kind) {
            case AFFIRM -> {
                d.lowConfidenceStreak = 0;
                yield new BotDecision.Answer("affirm", 1.0, turn.language(),
                        turn.t("好的！还有其他可以帮您的吗？", "OK! Is there anything else I can help with?"), menu(turn), null);
            }
            case DONE -> {
                d.lowConfidenceStreak = 0;
                yield new BotDecision.Answer("goodbye", 1.0, turn.language(),
                        turn.t("好的，感谢您的咨询，有需要随时找我。祝您购物愉快！",
                                "Alright, thanks for chatting with us. Write any time you need something. Have a great day!"),
                        List.of(), null);
            }
            default -> {
                d.lowConfidenceStreak++;
                if (tooManyMisses(d)) {
                    yield handoffs.handoff(turn, d, Handoffs.LOW_CONFIDENCE, d.lastTopic, "");
                }
                yield new BotDecision.Clarify("deny", 1.0, turn.language(),
                        turn.t("抱歉，我理解错了。请用一句话告诉我您需要什么，或选择下面的服务：",
                                "Sorry, I got that wrong. Could you tell me in a few words what you need, or pick one of these?"),
                        menu(turn));
            }
        };
    }

    private boolean tooManyMisses(DialogueState.Draft d) {
        return settings.lowConfidenceTurns() > 0 && d.lowConfidenceStreak >= settings.lowConfidenceTurns();
    }

    /**
     * The FAQ hit to answer with: the top one, unless the intent model is confident about an informational intent
     * whose own entry is among the candidates and is surer than the knowledge base of its top hit ("what is your
     * return policy" must not get the privacy policy because both say "policy"; "how much is shipping", a
     * paraphrase of the shipping-fee entry, must not get the shipping-time entry because the intent model reads
     * it as a delivery-time question). Not when the top hit is a sibling of the intent's own entry (the same
     * knowledge-base category): within one topic the knowledge base tells its entries apart more finely than the
     * intent model ("do you ship to Canada" is a delivery question to the intent model, and the international
     * shipping entry, not the shipping-time one, answers it).
     */
    private FaqHit intentConsistentHit(Turn turn, FaqResult faq, String intent) {
        FaqHit top = faq.top().orElseThrow();
        String own = DEFAULT_ENTRY.get(intent);
        double intentConfidence = turn.prediction().confidence();
        if (own == null || own.equals(top.entryId()) || intentConfidence < CONSISTENT_HIT_CONFIDENCE
                || top.confidence() >= intentConfidence || sameCategory(own, top.entryId())) {
            return top;
        }
        return faq.hits().stream().filter(h -> h.entryId().equals(own)).findFirst().orElse(top);
    }

    private boolean sameCategory(String entryId, String otherId) {
        Optional<String> category = kb.entry(entryId).map(FaqEntry::category);
        return category.isPresent() && category.equals(kb.entry(otherId).map(FaqEntry::category));
    }

    /**
     * A question the FAQ answers, asked in the middle of a flow ("退货运费谁出？" while choosing between return and
     * exchange), that does not ask to do something else (cancel, return, change the address): answered, and the
     * flow goes on at its step.
     */
    private static boolean isSideQuestion(Turn turn, DialogueState.Draft d, String intent) {
        String flow = Skills.FLOW_OF_INTENT.get(intent);
        boolean otherAction = !d.flow.equals(flow) && (Flows.CANCEL_ORDER.equals(flow)
                || Flows.CHANGE_ADDRESS.equals(flow) || Flows.RETURN_EXCHANGE.equals(flow));
        return turn.faq().decision() == FaqDecision.ANSWER && !otherAction && turn.entities().orderNumbers().isEmpty()
                && Flows.QUESTION.matcher(turn.text().strip()).find();
    }

    /** A policy question ("7天无理由退货怎么算") is better answered from the FAQ than by starting a flow. */
    private static boolean faqBeatsIntent(Turn turn) {
        return turn.faq().decision() == FaqDecision.ANSWER && turn.entities().orderNumbers().isEmpty()
                && turn.faq().top().map(FaqHit::confidence).orElse(0.0) > turn.prediction().confidence();
    }

    /** The intent this turn is about, taking the conversation into account (follow-ups, a bare order number). */
    private String effectiveIntent(Turn turn, DialogueState.Draft d, String predicted) {
        String fromQuickReply = quickReplyIntent(turn);
        if (fromQuickReply != null) {
            return fromQuickReply;
        }
        if (onlyOrderNumbers(turn) && ORDER_ASKED_BY_ANSWER.containsKey(d.lastAction())) {
            // the order number the answer asked for, for what it was asked
            return ORDER_ASKED_BY_ANSWER.get(d.lastAction());
        }
        if (COURIER_NO_SHOW.find(turn.text())) {
            // "the delivery guy never came": where the parcel is ("didn't quite get that" came)
            return "order_status";
        }
        if (RETURN_PROGRESS.find(turn.text())) {
            // the refund-status flow reads the return's progress; the how-to-return answer was given instead
            return "refund_status";
        }
        if (asksAfterSaleTiming(turn, d)) {
            // the replacement's arrival after an exchange, the refund's after a return
            return Flows.filedAfterSale(d, d.lastOrderId).orElseThrow().exchange() ? "delivery_time" : "refund_status";
        }
        boolean hasOrderContext = !d.lastOrderId.isEmpty() || !turn.entities().orderNumbers().isEmpty();
        // "DD… 退款什么时候到账", "when will my refund arrive": the money, not the parcel
        if (hasOrderContext && FOLLOW_UP_ARRIVAL.find(turn.text()) && !predicted.equals("refund_status")
                && !REFUND_WORDS.find(turn.text())) {
            return "delivery_time";
        }
        if (!turn.entities().orderNumbers().isEmpty() && RETURN_THIS.find(turn.text())
                && !predicted.equals("exchange_request") && !predicted.equals("refund_status")) {
            // "return DD20261104004 changed my mind": the policy answer (refund_policy) or the order's status before
            return "return_request";
        }
        // "那什么时候能退款" read as a greeting (0.50): a question that follows on, not a social message
        String intent = SOCIAL.contains(predicted) && FOLLOW_UP.find(turn.text()) && turn.text().strip().length() > 4
                ? "" : predicted;
        if (!intent.isEmpty() && !intent.equals("chitchat")) {
            return intent;
        }
        if (!turn.entities().orderNumbers().isEmpty() && WHERE_IS.find(turn.text())) {
            return "order_status";
        }
        if (REFUND_REQUEST.find(turn.text())) {
            return "return_request"; // a refund of goods is a return (or, before shipping, a cancellation the flow offers)
        }
        if (!turn.entities().orderNumbers().isEmpty()) {
            String topicIntent = intentOfFlow(d.lastTopic);
            return topicIntent.isEmpty() ? "order_status" : topicIntent;
        }
        if (FOLLOW_UP.find(turn.text()) && !d.lastTopic.isEmpty() && !SMALL_TALK.contains(d.lastTopic)) {
            String topicIntent = intentOfFlow(d.lastTopic);
            return topicIntent.isEmpty() ? d.lastTopic : topicIntent;
        }
        return intent;
    }

    /**
     * "Why so slow?" after a refund's status: how long refunds take; after a parcel's: what we do about late
     * parcels (it got the late-parcel answer whatever came before). Out of the blue: which of the two.
     */
    private Optional<BotDecision> tooSlow(Turn turn, DialogueState.Draft d) {
        String entry = TOO_SLOW_ENTRY.get(d.lastTopic);
        if ("shipping_delay".equals(entry) && !d.lastOrderId.isEmpty()) {
            // the parcel is known: its own arrival, with an apology (the late-parcel answer asked for the order
            // number the conversation already had)
            d.lowConfidenceStreak = 0;
            return Optional.of(Flows.withLead(turn.t("抱歉让您久等了。", "Sorry for the wait. "),
                    flows.start(Flows.DELIVERY_TIME, turn, d)));
        }
        if (entry != null && kb.entry(entry).isPresent()) {
            d.lowConfidenceStreak = 0;
            return Optional.of(answer(turn, d, new FaqHit(entry, 0, turn.prediction().confidence(), null), d.lastTopic));
        }
        if (!d.lastTopic.isEmpty()) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        for (String id : List.of("shipping_delay", "refund_arrival_time")) {
            kb.entry(id).map(e -> e.title(turn.language())).filter(t -> !t.isBlank()).ifPresent(options::add);
        }
        if (options.isEmpty()) {
            return Optional.empty();
        }
        options.add(turn.t("人工客服", "Talk to an agent"));
        d.botActions.add("clarify:shipping_delay|refund_arrival_time");
        return Optional.of(new BotDecision.Clarify(nonBlank(turn.prediction().intent()), turn.prediction().confidence(),
                turn.language(), withApology(turn, turn.t("抱歉让您久等了。请问是包裹迟迟没到，还是退款还没到账？",
                        "Sorry for the wait. Is it a parcel that hasn't arrived, or a refund that hasn't come through?")),
                options));
    }

    /**
     * Praise the lexical model mistakes for a complaint ("I love this shop" read as complaint at 0.86): positive,
     * no complaint word.
     */
    private static boolean praise(Turn turn) {
        return turn.sentiment().label() == Sentiment.Label.POSITIVE && !COMPLAINT_WORDS.find(turn.text());
    }

    /** The intent of one of the bot's own quick-reply labels, or null. */
    private static String quickReplyIntent(Turn turn) {
        String label = lowerWithoutTrailingPunctuation(turn.text());
        return QUICK_REPLY_INTENTS.get(label);
    }

    /** The message is order numbers and nothing else ("DD20261101001", "#DD20261101001."). */
    private static boolean onlyOrderNumbers(Turn turn) {
        return !turn.entities().orderNumbers().isEmpty() && NON_LANGUAGE.matcher(turn.text()).replaceAll("")
                .replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]", "").isEmpty();
    }

    private static String intentOfFlow(String flowOrIntent) {
        if (Skills.FLOW_OF_INTENT.containsKey(flowOrIntent)) {
            return flowOrIntent;
        }
        return Skills.INTENT_OF_FLOW.getOrDefault(flowOrIntent, "");
    }

    private BotDecision smallTalk(Turn turn, DialogueState.Draft d, String intent) {
        d.botActions.add("smalltalk:" + intent);
        String text = switch (intent) {
            case "greeting" -> turn.t("您好！我是智能客服，可以帮您查询订单物流、办理退换货、查询退款，也可以解答购物问题。请问有什么可以帮您？",
                    "Hello! I'm the Concierge assistant. I can track orders, arrange returns and exchanges, check refunds and answer shopping questions. How can I help?");
            case "thanks" -> THANK_WORDS.find(turn.text())
                    ? turn.t("不客气！还有其他可以帮您的吗？", "You're welcome! Is there anything else I can help with?")
                    : turn.t("谢谢您的支持！还有其他可以帮您的吗？", "Thank you, that's kind of you! Is there anything else I can help with?");
            case "goodbye" -> turn.t("感谢您的咨询，祝您购物愉快，再见！", "Thanks for chatting with us. Have a great day, goodbye!");
            case "csat_answer" -> turn.t("感谢您的评价，我们会继续努力！", "Thank you for your feedback!");
            default -> turn.t("我是购物助手，擅长订单、物流、退换货和退款问题。请问有什么可以帮您？",
                    "I'm a shopping assistant: orders, delivery, returns and refunds are my thing. What can I do for you?");
        };
        List<String> replies = intent.equals("goodbye") ? List.of() : menu(turn);
        return new BotDecision.Answer(intent, turn.prediction().confidence(), turn.language(), text, replies, null);
    }

    private BotDecision answer(Turn turn, DialogueState.Draft d, FaqHit hit, String intent) {
        Channel channel = turn.raw().channel();
        String text = kb.answer(hit.entryId(), turn.language(), channel).orElse("");
        // the same answer twice running ("my payment failed", then "it says card declined"): it did not help, so
        // the repeat offers a person instead of only saying the same paragraph again
        boolean repeat = d.lastAction().equals("faq:" + hit.entryId());
        d.botActions.add("faq:" + hit.entryId());
        // the knowledge base answered what the intent model called out of scope: "faq" (the entry is faqId), not
        // "oos" next to the entry's confidence, which read as a confident out-of-scope verdict
        String answerIntent = !intent.isEmpty() ? intent
                : turn.prediction().outOfScope() || turn.prediction().intent().isBlank() ? FAQ_INTENT
                : turn.prediction().intent();
        if (repeat) {
            return new BotDecision.Answer(answerIntent, hit.confidence(), turn.language(), withApology(turn, text
                    + turn.t("\n\n如果这还没有解决您的问题，我可以为您转接人工客服。",
                            "\n\nIf that doesn't solve it, I can pass you to an agent.")),
                    List.of(turn.t("人工客服", "Talk to an agent")), hit.entryId());
        }
        return new BotDecision.Answer(answerIntent, hit.confidence(), turn.language(), withApology(turn, text),
                List.of(), hit.entryId());
    }

    private static boolean lastActionWasAnswer(DialogueState.Draft d) {
        return d.lastAction().startsWith("faq:");
    }

    /**
     * A short message that leans on what came before and that the knowledge base does not answer alone ("can you
     * email it to me?" after the invoice answer, "how long will that take?" in a refund request, "那要多久？" after a
     * return): the same turn with the knowledge base asked again, the context in front of the message: the last
     * answer's question, or the words of the flow or topic the conversation is on. Unchanged when there is no context
     * or the combined question finds nothing confident either.
     */
    private Turn inContext(Turn turn, DialogueState.Draft d) {
        boolean answered = turn.faq().decision() == FaqDecision.ANSWER;
        if (answered && !saysNothingOfItsOwn(turn) || !turn.entities().orderNumbers().isEmpty()
                || !leansOnContext(turn.text()) || asksAfterSaleTiming(turn, d)) {
            return turn;
        }
        Optional<String> context = contextWords(turn, d);
        if (context.isEmpty()) {
            return turn;
        }
        FaqResult again = kb.search(context.get() + " " + turn.text(), turn.language(), 3);
        if (again.decision() != FaqDecision.ANSWER) {
            // "收费吗" in a return, which the return's words do not answer either: not the knowledge base's guess for
            // it alone (large-appliance installation)
            return answered ? turn.inContext(context.get(), again) : turn;
        }
        if (answered && again.top().map(FaqHit::entryId).equals(turn.faq().top().map(FaqHit::entryId))) {
            return turn;
        }
        return turn.inContext(context.get(), again);
    }

    /**
     * A few words that name nothing themselves ("is it free?", "收费吗"): the knowledge base's confident answer to
     * them alone is a guess (the shipping fee after the invoice answer, installation after 怎么开发票), so the
     * conversation's context decides when it finds an answer.
     */
    private static boolean saysNothingOfItsOwn(Turn turn) {
        String text = turn.text().strip();
        int words = text.split("\\s+").length;
        return !FOLLOW_UP.find(text) && (POINTS_BACK.find(text) && words <= FEW_WORDS
                || turn.zh() && text.codePointCount(0, text.length()) <= FEW_HAN_CHARS);
    }

    /**
     * "How long will that take?" right after a return or exchange was filed: its own timeline (the flow's refund or
     * replacement answer), not the knowledge base's refund time, which answered an exchange with a refund.
     */
    private static boolean asksAfterSaleTiming(Turn turn, DialogueState.Draft d) {
        return !d.inFlowNow() && Flows.RETURN_EXCHANGE.equals(d.lastTopic) && !d.lastOrderId.isEmpty()
                && DURATION.matcher(turn.text()).find() && Flows.filedAfterSale(d, d.lastOrderId).isPresent();
    }

    /** The last answer's question if the bot's last turn was an answer, else the words of the flow or topic. */
    private Optional<String> contextWords(Turn turn, DialogueState.Draft d) {
        if (lastActionWasAnswer(d)) {
            return kb.entry(d.lastAction().substring("faq:".length())).map(e -> e.title(turn.language()))
                    .filter(t -> !t.isBlank());
        }
        String topic = d.inFlowNow() ? d.flow : d.lastTopic;
        if (topic.equals(Flows.RETURN_EXCHANGE) && "exchange".equals(d.slots.get("preferred"))) {
            topic = "exchange_request";
        }
        String words = topicWords(topic, turn);
        return words.isEmpty() ? Optional.empty() : Optional.of(words);
    }

    /** A flow's or topic's words in the turn's language, "" for a topic without any. */
    private static String topicWords(String topic, Turn turn) {
        List<String> words = TOPIC_WORDS.get(topic);
        return words == null ? "" : turn.t(words.get(0), words.get(1));
    }

    /**
     * Whether the message may lean on the conversation: it points back ("it", "那个"), follows on ("and…", "那…"),
     * or is a question of a few words ("要多久？", "is it free?"); not a longer message, which is a question of its own.
     */
    static boolean leansOnContext(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length > MAX_POINTING_WORDS) {
            return false;
        }
        boolean fewWords = words.length <= FEW_WORDS && text.strip().length() <= FEW_CHARS;
        return POINTS_BACK.find(text) || FOLLOW_UP.find(text) || fewWords && Flows.QUESTION.matcher(text).find();
    }

    /** The shopper clicked one of the clarification quick replies (an entry's title): answer that entry. */
    private Optional<FaqHit> pickedOption(Turn turn, FaqResult faq) {
        String text = normalizedLabel(turn.text());
        for (FaqHit hit : faq.clarifyOptions()) {
            boolean same = kb.entry(hit.entryId()).map(e -> normalizedLabel(e.title(turn.language())).equals(text))
                    .orElse(false);
            if (same) {
                return Optional.of(hit);
            }
        }
        return Optional.empty();
    }

    /** Lower case, punctuation and white-space runs to one space (quick-reply labels, short replies). */
    static String normalizedLabel(String text) {
        return PUNCTUATION_RUNS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private BotDecision clarifyFaq(Turn turn, DialogueState.Draft d, FaqResult faq, String intent) {
        List<String> options = new ArrayList<>();
        for (FaqHit hit : faq.clarifyOptions()) {
            kb.entry(hit.entryId()).map(e -> e.title(turn.language())).filter(t -> !t.isBlank())
                    .filter(t -> !options.contains(t)).ifPresent(options::add);
        }
        options.add(turn.t("人工客服", "Talk to an agent"));
        d.botActions.add("clarify:" + String.join("|", faq.clarifyOptions().stream().map(FaqHit::entryId).toList()));
        return new BotDecision.Clarify(nonBlank(intent.isEmpty() ? turn.prediction().intent() : intent),
                faq.top().map(FaqHit::confidence).orElse(0.0), turn.language(),
                withApology(turn, turn.t("您想了解的是以下哪个问题？", "Did you mean one of these?")), options);
    }

    /** An item that came faulty: a defect ({@link Flows#DEFECT}) said of what was received ({@link #RECEIVED}). */
    private static boolean arrivedFaulty(Turn turn) {
        return Flows.DEFECT.find(turn.text()) && RECEIVED.find(turn.text())
                && !Flows.QUESTION.matcher(turn.text()).find();
    }

    /**
     * A fault in an item of one of the shopper's delivered orders, named: "the kettle doesn't work", "水壶不能用了"
     * (the order-status flow and the coupon answer came).
     */
    private Optional<Order> faultyItemOfAnOrder(Turn turn) {
        if (!Flows.DEFECT.find(turn.text()) || Flows.QUESTION.matcher(turn.text()).find()
                || !turn.entities().orderNumbers().isEmpty()) {
            return Optional.empty();
        }
        return flows.orderNamedByItem(turn.raw().customer().id().value(), turn.text(),
                Flows.fitting(Flows.RETURN_EXCHANGE));
    }

    /**
     * The flow's step with "sorry" in front, unless it has an apology of its own (the photo step's "Sorry the item
     * has a problem", after "Found order …": two apologies); a handoff keeps its own.
     */
    private static BotDecision withApologyAlways(Turn turn, BotDecision decision) {
        return APOLOGY.matcher(decision.text()).find() ? decision
                : Flows.withLead(turn.t("非常抱歉给您带来不便。", "I'm sorry about that. "), decision);
    }

    private BotDecision apologetic(Turn turn, BotDecision decision) {
        if (!turn.sentiment().negative() || !(decision instanceof BotDecision.FlowStep f)) {
            return decision;
        }
        return new BotDecision.FlowStep(f.intent(), f.confidence(), f.language(), withApology(turn, f.text()),
                f.quickReplies(), f.flow(), f.step());
    }

    /**
     * The text with an apology in front when the shopper is upset, unless it opens with one of its own (the damaged-
     * item answer's "很抱歉给您带来不便", a re-prompt's "Sorry, I didn't catch that"): one apology, not two.
     */
    static String withApology(Turn turn, String text) {
        if (!turn.sentiment().negative() || OPENS_WITH_APOLOGY.matcher(text).lookingAt()) {
            return text;
        }
        return turn.t("非常抱歉给您带来不便。", "I'm sorry about the trouble. ") + text;
    }

    private static List<String> menu(Turn turn) {
        return turn.zh() ? List.of("查询订单", "退换货", "退款进度", "人工客服")
                : List.of("Track my order", "Return or exchange", "Refund status", "Talk to an agent");
    }

    private static String topic(DialogueState.Draft d, String intent) {
        if (!d.flow.isEmpty()) {
            return d.flow;
        }
        return intent.isEmpty() || intent.equals("human_request") ? d.lastTopic : intent;
    }

    /** The decision's intent for a knowledge-base answer to a message the intent model found out of scope. */
    static final String FAQ_INTENT = "faq";

    private static String nonBlank(String intent) {
        return intent == null || intent.isBlank() ? "oos" : intent;
    }

    private Map<String, List<String>> maskedEntities(Entities found) {
        Map<String, List<String>> out = new LinkedHashMap<>(found.asText());
        // a card number the shopper called an order must not show in clear on the card either; DD… numbers and
        // other order numbers come through as they are
        out.computeIfPresent("order_number", (k, v) -> v.stream().map(masker::mask).toList());
        out.computeIfPresent("phone", (k, v) -> v.stream().map(masker::mask).toList());
        out.computeIfPresent("email", (k, v) -> v.stream().map(masker::mask).toList());
        return out;
    }

    private String languageOf(String text, BotTurn raw, DialogueState previous) {
        // order numbers, emails and digits say nothing about the language; without a digit or an '@' there are none
        boolean numbersOrEmails = text.indexOf('@') >= 0 || text.chars().anyMatch(c -> c >= '0' && c <= '9');
        String letters = numbersOrEmails ? NON_LANGUAGE.matcher(text).replaceAll(" ") : text;
        boolean any = letters.codePoints().anyMatch(Character::isLetter);
        if (!any) {
            return fallbackLanguage(raw, previous);
        }
        String detected = nlu.languages().detect(letters);
        if (detected.equals("en") && previous != null && previous.version() > 0 && previous.language().equals("zh")
                && letters.strip().split("\\s+").length <= STICKY_WORDS) {
            // "OK", "thx", "asdfgh" in a Chinese conversation: Chinese shoppers type these too; the replies flipped
            // to English for good
            return "zh";
        }
        return detected;
    }

    /**
     * A message of this many Latin words keeps a Chinese conversation in Chinese ("OK", "thx"); two words already
     * say something in English ("change address").
     */
    private static final int STICKY_WORDS = 1;

    private static String fallbackLanguage(BotTurn raw, DialogueState previous) {
        if (previous != null && previous.version() > 0) {
            return previous.language();
        }
        String hint = raw.localeHint() != null ? raw.localeHint() : raw.customer().locale();
        return hint != null && hint.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
    }

    private static String lowerWithoutTrailingPunctuation(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int end = lower.length();
        while (end > 0 && isPunctuationOrSpace(lower.codePointBefore(end))) {
            end -= Character.charCount(lower.codePointBefore(end));
        }
        return lower.substring(0, end).strip();
    }

    /** Punctuation (ASCII or Unicode) and white space: what a quick reply or a cancel word may trail. */
    static boolean isPunctuationOrSpace(int c) {
        if (Character.isWhitespace(c)) {
            return true;
        }
        if (c < 128) {
            return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
