package dev.concierge.server.conversation;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.text.TraditionalChinese;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import dev.concierge.core.message.Direction;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.SenderRole;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.QueueStatus;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import dev.concierge.server.observability.ServerMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every customer message takes, whatever the channel: store it, then let the bot answer (and
 * maybe hand off), or pass it to the waiting queue or to the agent who holds the conversation. Blocking; the
 * caller runs it on the customer's lane of the {@link KeyedExecutor} so one customer's messages stay in order.
 */
public final class ConversationService {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    /** How much of the transcript a bot turn reads: the bot looks back a few messages, never the whole of it. */
    private static final int BOT_HISTORY = 20;

    private final Stores stores;
    private final CustomerLocks locks;
    private final BotEngine bot;
    private final AgentDesk desk;
    private final ReplyDispatcher replies;
    private final SatisfactionSurvey survey;
    private final ServerMetrics metrics;
    private final Clock clock;

    public ConversationService(Stores stores, CustomerLocks locks, BotEngine bot, AgentDesk desk,
            ReplyDispatcher replies, ServerMetrics metrics, Clock clock) {
        this.stores = stores;
        this.metrics = metrics;
        this.locks = locks;
        this.bot = bot;
        this.desk = desk;
        this.replies = replies;
        this.survey = desk.survey();
        this.clock = clock;
    }

    public InboundOutcome receive(Inbound in) {
        return respond(store(in));
    }

    /** A customer message filed in its conversation, not yet answered. */
    public record Stored(Customer customer, Conversation conversation, Message message, boolean duplicate,
            String localeHint, Message surveyThanks) {

        /** Whether the message answered the satisfaction survey (its thanks is then {@link #surveyThanks}). */
        public boolean surveyAnswer() {
            return surveyThanks != null;
        }
    }

    /**
     * Files the message durably (the first half of {@link #receive}); channels that must acknowledge fast call
     * this, acknowledge, then run {@link #respond} on the customer's lane. Holds the customer's lock (every node).
     */
    public Stored store(Inbound in) {
        return locks.withLock(in.customer(), () -> storeLocked(in));
    }

    private Stored storeLocked(Inbound in) {
        Instant now = clock.instant();
        Customer customer = stores.customers().find(in.customer())
                .orElseThrow(() -> new NoSuchElementException("unknown customer " + in.customer()));
        if (in.attachments().isEmpty()) {
            Optional<SatisfactionSurvey.Answer> rating = survey.tryAnswer(customer, in.text(), in.messageId());
            if (rating.isPresent()) {
                return new Stored(customer, rating.get().conversation(), rating.get().message(), false,
                        in.localeHint(), rating.get().thanks());
            }
        }
        Conversation conversation = openConversation(customer, in, now);
        Message message = new Message(in.messageId() == null ? MessageId.random() : in.messageId(),
                conversation.id(), in.channel(), Direction.INBOUND, SenderRole.CUSTOMER, customer.id().value(),
                in.text(), in.attachments(), now, in.metadata());
        boolean appended = stores.conversations().append(message);
        if (!appended) {
            LOG.info("duplicate inbound message {} in {} ignored", message.id(), conversation.id());
        }
        return new Stored(customer, conversation, message, !appended, in.localeHint(), null);
    }

    /**
     * The second half of {@link #receive}: the bot answers, or the queue or the agent hears of it. Holds the
     * customer's lock (every node). A retried message that was filed but never answered (its node died between
     * the two halves) is answered now; one that was answered is not answered again: the bot's reply has an id
     * derived from the message's, so it is stored once whoever produces it.
     */
    public InboundOutcome respond(Stored stored) {
        return locks.withLock(stored.customer().id(), () -> respondLocked(stored));
    }

    private InboundOutcome respondLocked(Stored stored) {
        Conversation conversation = stored.conversation();
        Message message = stored.message();
        if (stored.surveyAnswer()) {
            // after the channel acknowledged the answer, as for any reply
            survey.thank(stored.customer(), conversation, stored.surveyThanks());
            return new InboundOutcome(conversation, message, false, Optional.empty(), List.of(), Optional.empty());
        }
        if (stored.duplicate()) {
            Optional<Conversation> current = stores.conversations().find(conversation.id());
            MessageId replyId = replyId(message.id());
            Optional<Message> answer = !stores.conversations().contains(conversation.id(), replyId) ? Optional.empty()
                    : stores.conversations().transcript(conversation.id()).stream()
                            .filter(m -> m.id().equals(replyId)).findFirst();
            if (answer.isPresent() || current.isEmpty() || current.get().status() != ConversationStatus.BOT) {
                // Already answered (the answer goes back to a client that asks again) or now with a human.
                return new InboundOutcome(conversation, message, true, Optional.empty(),
                        answer.map(List::of).orElse(List.of()), Optional.empty());
            }
            LOG.info("message {} was filed but never answered: answering it now", message.id());
            conversation = current.get();
        }
        try (ConversationLog.Scope ignored = ConversationLog.scope(conversation.id())) {
            return switch (conversation.status()) {
                case BOT -> botTurn(stored.customer(), conversation, message, stored.localeHint());
                case QUEUED -> {
                    // a customer who takes the request back leaves the queue, unless an agent accepted it meanwhile
                    Conversation now = bot.withdrawsHandoff(message.text()) ? desk.withdraw(conversation) : conversation;
                    if (now.status() == ConversationStatus.BOT) {
                        yield leftQueue(stored.customer(), now, message);
                    }
                    if (now.status() == ConversationStatus.ASSIGNED) {
                        yield toAgent(now, message);
                    }
                    Optional<QueueStatus> queue = desk.remindQueued(stored.customer(), conversation);
                    yield new InboundOutcome(conversation, message, false, Optional.empty(), List.of(), queue);
                }
                case ASSIGNED -> toAgent(conversation, message);
                case CLOSED -> throw new IllegalStateException("open conversation expected");
            };
        }
    }

    /**
     * The bot's decision on a text without storing or sending anything ({@code POST /api/v1/bot/reply}): the open
     * conversation's dialogue state is read, not moved on. A question the bot could not answer is logged for
     * curation under the open conversation, or under {@link #previewOf} the customer, where erasure finds it (a
     * fresh random id per call left a dialogue state nobody could find or erase, one per request).
     */
    public BotDecision preview(Customer customer, String text, String localeHint) {
        Optional<Conversation> open = stores.conversations().findOpenByCustomer(customer.id());
        List<Message> history = open.map(c -> stores.conversations().transcript(c.id())).orElse(List.of());
        ConversationId id = open.map(Conversation::id).orElseGet(() -> previewOf(customer.id()));
        return bot.preview(new BotTurn(id, customer, open.map(Conversation::channel)
                .orElse(dev.concierge.core.channel.Channel.REST), text, List.of(), localeHint, history));
    }

    /**
     * The customer opted out of a channel (SMS STOP) or back in: their open conversation on it notes it in the
     * transcript, and the agent holding it sees it at once; nothing is sent to the customer. Replies on that channel
     * were suppressed without the agent knowing. Returns whether a conversation was noted.
     *
     * <p>Like every note for agents, it is in the conversation's language, whichever keyword the customer used; so it
     * names the keywords of both languages (it told the agent of a Chinese conversation that the customer had to
     * reply “订阅” after they had sent STOP, and their confirmation had said START).
     */
    public boolean optOutChanged(Customer customer, dev.concierge.core.channel.Channel channel, boolean optedOut) {
        Optional<Conversation> open = stores.conversations().findOpenByCustomer(customer.id())
                .filter(c -> c.channel() == channel);
        open.ifPresent(c -> desk.noteForAgent(c, optedOut
                ? "顾客已退订短信（回复了 STOP、退订等指令）：短信回复将不会送达，直到顾客回复 START 或“订阅”。"
                : "顾客已重新订阅短信：短信回复会正常送达。", optedOut
                ? "The customer opted out of SMS (sent STOP, 退订 or the like): replies by SMS will not be delivered"
                        + " until they send START or 订阅."
                : "The customer opted back in to SMS: replies by SMS are delivered again.", clock.instant()));
        return open.isPresent();
    }

    /** The conversation id a customer's previews without an open conversation are logged under. */
    public static ConversationId previewOf(CustomerId customer) {
        String id = customer.value();
        // an id near the 128-character limit is named by its name-based UUID instead: still one per customer
        return new ConversationId("preview-" + (id.length() <= PREVIEW_ID_ROOM ? id
                : java.util.UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** Characters of a customer id that fit behind "preview-" in a conversation id. */
    private static final int PREVIEW_ID_ROOM = 120;

    private Conversation openConversation(Customer customer, Inbound in, Instant now) {
        Optional<Conversation> threaded = Optional.ofNullable(in.thread())
                .flatMap(id -> stores.conversations().find(id))
                .filter(c -> c.customerId().equals(customer.id()));
        if (threaded.isPresent() && !threaded.get().isOpen()) {
            // A reply to a closed thread (an email answer days later) reopens it with its history.
            Conversation reopened = stores.conversations().update(threaded.get().id(), c -> c.isOpen() ? c
                    : c.transition(ConversationStatus.BOT, "customer", null, "customer replied", now)
                            .withChannel(in.channel(), now));
            LOG.info("conversation {} reopened by a reply on {}", reopened.id(), in.channel().wireName());
            return reopened;
        }
        Optional<Conversation> open = threaded.isPresent() ? threaded
                : stores.conversations().findOpenByCustomer(customer.id());
        if (open.isEmpty()) {
            String locale = in.localeHint() != null ? in.localeHint() : customer.locale();
            Conversation created = Conversation.open(ConversationId.random(), customer.id(), in.channel(), locale, now);
            stores.conversations().create(created);
            LOG.info("conversation {} opened on {}", created.id(), in.channel().wireName());
            return created;
        }
        Conversation existing = open.get();
        if (existing.channel() != in.channel()) {
            return stores.conversations().update(existing.id(), c -> c.withChannel(in.channel(), now));
        }
        return existing;
    }

    private InboundOutcome botTurn(Customer customer, Conversation conversation, Message message, String localeHint) {
        List<Message> transcript = stores.conversations().recent(conversation.id(), BOT_HISTORY);
        // the message is usually the newest one: look from the end (ids are unique within a transcript)
        int at = transcript.size() - 1;
        while (at >= 0 && !transcript.get(at).id().equals(message.id())) {
            at--;
        }
        List<Message> history = at >= 0 ? transcript.subList(0, at)
                : transcript.isEmpty() ? List.of() : transcript.subList(0, transcript.size() - 1);
        String hint = localeHint != null ? localeHint : conversation.locale();
        // a bare number picks that option of the bot's last quick replies: SMS and email show them as "1. …" lines,
        // and chat shoppers type "1" for the first button too (it read as goodbye, and two of them as a handoff)
        String text = WireMessages.numberedChoice(message.text(), history).orElse(message.text());
        BotDecision decision = offHours(bot.decide(new BotTurn(conversation.id(), customer, message.channel(), text,
                message.attachments(), hint, history)), conversation, message);
        return respond(customer, conversation, message, decision);
    }

    /**
     * Outside business hours a handoff only because the bot did not understand twice queued the shopper for hours
     * (two chit-chat lines at night queued a five-hour wait): the bot says when people are back and offers to leave a
     * message for them, or to rephrase. A request for a person, a complaint or a flow's handoff is queued as before.
     */
    private BotDecision offHours(BotDecision decision, Conversation conversation, Message message) {
        Channel channel = message.channel();
        if (!(decision instanceof BotDecision.Handoff handoff) || !BotDecision.Handoff.LOW_CONFIDENCE.equals(handoff.reason())) {
            return decision;
        }
        Optional<Instant> replyBy = desk.offHoursReplyBy(channel);
        if (replyBy.isEmpty()) {
            return decision;
        }
        String when = AgentDesk.beijingTime(replyBy.get());
        boolean zh = "zh".equals(decision.language());
        String text = zh
                ? "抱歉，我还是没能理解您的问题。现在是非工作时间，人工客服将在 " + when + "（北京时间）前回复。您可以换个说法，"
                        + "或点击“留言给人工客服”留下问题。"
                : "Sorry, I still didn't get that. Our team is offline now and will reply by " + when + " (China time)."
                        + " You can rephrase, or leave a message for an agent.";
        List<String> options = zh ? List.of("留言给人工客服", "查询订单", "退换货")
                : List.of("Leave a message for an agent", "Track my order", "Return or exchange");
        if (zh) { // in Traditional for a shopper who writes it, as the bot's own replies are
            ChineseScript script = bot.shoppersScript(conversation.id(), message.text());
            text = TraditionalChinese.in(script, text);
            options = options.stream().map(o -> TraditionalChinese.in(script, o)).toList();
        }
        return new BotDecision.Clarify(handoff.intent(), handoff.confidence(), decision.language(), text, options);
    }

    private InboundOutcome toAgent(Conversation conversation, Message message) {
        desk.forwardToAgent(new AgentId(conversation.assignedAgent()), conversation, message);
        return new InboundOutcome(conversation, message, false, Optional.empty(), List.of(), Optional.empty());
    }

    /** The customer took back their request for an agent: the bot says so and takes the conversation again. */
    private InboundOutcome leftQueue(Customer customer, Conversation conversation, Message message) {
        boolean zh = "zh".equals(conversation.locale());
        String text = zh ? TraditionalChinese.in(bot.shoppersScript(conversation.id(), message.text()),
                "好的，已为您取消人工排队。还有什么可以帮您？")
                : "OK, you've left the queue for an agent. Is there anything else I can help with?";
        return respond(customer, conversation, message, new BotDecision.Answer("withdraw_handoff", 1.0,
                zh ? "zh" : "en", text, List.of(), null));
    }

    /** Conversation attribute: the id of the last message a REST response carried (see {@link #forRestClient}). */
    static final String REST_DELIVERED = "rest.deliveredUpTo";

    /**
     * What the REST response to this message carries: every message for the customer stored since the previous
     * REST response, not only the bot's answer — an agent's replies, the off-hours notice, the close and the survey
     * question reach a REST client only this way (they were stored and never shown). Covers the conversation the
     * message went to and the customer's previous one (closed meanwhile); the customer's own messages are left
     * out. Runs on the customer's executor lane, after {@link #receive}; a resent message gets its stored answer.
     */
    public List<Message> forRestClient(InboundOutcome outcome) {
        if (outcome.duplicate()) {
            return outcome.replies();
        }
        ConversationId current = outcome.conversation().id();
        List<ConversationId> all = stores.conversations().listByCustomer(outcome.conversation().customerId());
        int at = all.indexOf(current);
        List<Message> carried = new ArrayList<>();
        if (at > 0) {
            stores.conversations().find(all.get(at - 1))
                    .filter(previous -> previous.attribute(REST_DELIVERED).isPresent())
                    .ifPresent(previous -> carried.addAll(undelivered(previous)));
        }
        Conversation now = stores.conversations().find(current).orElse(outcome.conversation());
        carried.addAll(undelivered(now));
        return carried.isEmpty() ? outcome.replies() : carried;
    }

    private List<Message> undelivered(Conversation conversation) {
        List<Message> transcript = stores.conversations().transcript(conversation.id());
        if (transcript.isEmpty()) {
            return List.of();
        }
        String upTo = conversation.attribute(REST_DELIVERED).orElse(null);
        int from = 0;
        for (int i = transcript.size() - 1; upTo != null && i >= 0; i--) {
            if (transcript.get(i).id().value().equals(upTo)) {
                from = i + 1;
                break;
            }
        }
        List<Message> result = new ArrayList<>();
        for (Message m : transcript.subList(from, transcript.size())) {
            if (m.senderRole() != SenderRole.CUSTOMER) {
                result.add(m);
            }
        }
        String last = transcript.get(transcript.size() - 1).id().value();
        if (!last.equals(upTo)) {
            stores.conversations().update(conversation.id(),
                    c -> c.withAttribute(REST_DELIVERED, last, clock.instant()));
        }
        return result;
    }

    /** Stores the bot's reply to {@code message} (at most once), delivers it and carries out a handoff. */
    private InboundOutcome respond(Customer customer, Conversation conversation, Message message,
            BotDecision decision) {
        Instant now = clock.instant();
        metrics.botDecision(decision.action(), decision.intent());
        if (decision instanceof BotDecision.Handoff handoff) {
            metrics.handoff(handoff.reason());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(WireMessages.IN_REPLY_TO, message.id().value());
        meta.put("action", decision.action());
        meta.put("intent", decision.intent());
        meta.put("confidence", threeDecimals(decision.confidence()));
        meta.put("language", decision.language());
        if (!decision.quickReplies().isEmpty()) {
            meta.put(WireMessages.QUICK_REPLIES, WireMessages.joinQuickReplies(decision.quickReplies()));
        }
        if (decision instanceof BotDecision.Answer a && a.faqId() != null) {
            meta.put("faqId", a.faqId());
        }
        if (decision instanceof BotDecision.FlowStep f) {
            meta.put("flow", f.flow());
            meta.put("step", f.step());
        }
        Message reply = new Message(replyId(message.id()), conversation.id(), message.channel(), Direction.OUTBOUND,
                SenderRole.BOT, "bot", decision.text(), List.of(), now, meta);
        if (!stores.conversations().append(reply)) {
            LOG.info("reply to {} already stored: not sent again", message.id());
            return new InboundOutcome(conversation, message, true, Optional.empty(), List.of(), Optional.empty());
        }
        Conversation current = conversation;
        if (!decision.language().equals(conversation.locale())) {
            current = stores.conversations().update(conversation.id(), c -> c.withLocale(decision.language(), now));
        }
        replies.deliver(customer, current, reply);
        Optional<QueueStatus> queue = Optional.empty();
        if (decision instanceof BotDecision.Handoff handoff) {
            queue = Optional.of(desk.handOff(customer, current, handoff));
            current = stores.conversations().find(current.id()).orElse(current);
        }
        // One line per message: DEBUG (concierge_bot_decisions counts them per action for dashboards).
        LOG.debug("bot {} intent={} confidence={}", decision.action(), decision.intent(), meta.get("confidence"));
        return new InboundOutcome(current, message, false, Optional.of(decision), List.of(reply), queue);
    }

    /**
     * The confidence as {@code String.format(Locale.ROOT, "%.3f", value)} writes it (half up, from the shortest decimal
     * form of the double), at a fraction of the cost: the formatter was 2.4 % of a fast-profile message's CPU.
     */
    static String threeDecimals(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        String s = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
        return Double.compare(value, 0.0) < 0 && !s.startsWith("-") ? "-" + s : s;
    }

    /** The id of the bot's reply to a customer message: fixed, so the reply is stored at most once. */
    static MessageId replyId(MessageId inbound) {
        String id = inbound.value() + ":re";
        if (id.length() <= 128) {
            return new MessageId(id);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inbound.value().getBytes(StandardCharsets.UTF_8));
            return new MessageId("re:" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    /** The frame that carries a stored bot or agent message to a shopper socket. */
    public static Frame messageFrame(Message m) {
        Frame frame = Frame.of("message")
                .put("conversationId", m.conversationId().value())
                .put("id", m.id().value())
                .put("from", m.senderRole().wireName())
                .put("text", m.text())
                .put("at", m.at().toString());
        List<String> quick = WireMessages.quickReplies(m);
        if (!quick.isEmpty()) {
            frame.put("quickReplies", quick);
        }
        if (m.senderRole() == SenderRole.AGENT) {
            frame.put("agentId", m.senderId());
        }
        if (m.senderRole() == SenderRole.BOT) {
            // What the bot did, for clients that adapt their UI (a photo button during the return flow).
            frame.put("inReplyTo", m.metadata().get(WireMessages.IN_REPLY_TO))
                    .put("action", m.metadata().get("action"))
                    .put("intent", m.metadata().get("intent"))
                    .put("flow", m.metadata().get("flow"))
                    .put("step", m.metadata().get("step"));
        }
        return frame;
    }

    /** Shoppers' sockets learn about messages through this. */
    /** The queue place or the assigned agent of a conversation, for a shopper who reconnects (see AgentDesk). */
    public Optional<Frame> handoffState(Conversation conversation) {
        return desk.handoffState(conversation);
    }

    public static void pushToShopper(LiveConnections live, Customer customer, Message m) {
        live.toShopper(customer.id(), messageFrame(m));
    }
}
