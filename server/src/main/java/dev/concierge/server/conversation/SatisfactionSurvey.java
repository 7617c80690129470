package dev.concierge.server.conversation;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.SenderRole;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.ticket.CsatRating;
import dev.concierge.routing.ticket.CsatStore;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed loop's last step: when an agent closes a conversation the customer is asked for a 1-5 rating on
 * their channel; the next message that is a rating is recorded against that conversation instead of opening a
 * new one.
 */
public final class SatisfactionSurvey {
    private static final Logger LOG = LoggerFactory.getLogger(SatisfactionSurvey.class);
    static final String PENDING = "csat.pending";
    static final String SCORE = "csat.score";
    /**
     * A bare number: "5", "4分", "3 stars", "５" rate when they are one digit from 1 to 5; any other ("6", "0",
     * "10分") is off the scale, and the survey asks again. ("★★★★" and "非常满意" are read separately.)
     */
    private static final Pattern NUMBER = Pattern.compile(
            "^\\s*([0-9]{1,3})\\s*(分|星|stars?|/\\s*5)?\\s*[.!。！]?\\s*$", Pattern.CASE_INSENSITIVE);
    /** A rating with a comment after it: "4/5, the agent was helpful", "5分，很专业", "3 - slow but fine". */
    private static final Pattern DIGIT_WITH_COMMENT = Pattern.compile(
            "^\\s*([1-5])\\s*((分|星|stars?)\\s*[,，.。!！:：;；\\-–—]?|/\\s*5\\s*[,，.。!！:：;；\\-–—]?|[,，.。!！:：;；\\-–—])"
                    + "\\s*\\S.*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int MAX_ANSWER_CHARS = 300;
    static final int OUT_OF_RANGE = -1;
    /** The scale's words as shoppers answer with them ("非常满意" is the 5 of the prompt's "5 = 非常满意"). */
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("非常满意", 5), Map.entry("很满意", 5), Map.entry("五分", 5), Map.entry("五星", 5),
            Map.entry("满意", 4), Map.entry("比较满意", 4), Map.entry("四分", 4), Map.entry("四星", 4),
            Map.entry("一般", 3), Map.entry("还行", 3), Map.entry("三分", 3), Map.entry("三星", 3),
            Map.entry("不满意", 2), Map.entry("不太满意", 2), Map.entry("两分", 2), Map.entry("二分", 2),
            Map.entry("非常不满意", 1), Map.entry("很不满意", 1), Map.entry("一分", 1), Map.entry("一星", 1),
            Map.entry("very satisfied", 5), Map.entry("satisfied", 4), Map.entry("neutral", 3),
            Map.entry("dissatisfied", 2), Map.entry("unsatisfied", 2), Map.entry("very dissatisfied", 1),
            Map.entry("five stars", 5), Map.entry("five", 5), Map.entry("four", 4), Map.entry("three", 3),
            Map.entry("two", 2), Map.entry("one", 1));
    /** Punctuation and the particles that soften a Chinese answer ("还行吧", "满意啦"). */
    private static final Pattern TRAILING = Pattern.compile("[\\s.!。！~～吧啦呀哦啊]+$");
    private static final Pattern STARS = Pattern.compile("^\\s*([★⭐]{1,5})\\s*$");

    private final ConversationStore conversations;
    private final CsatStore ratings;
    private final ReplyDispatcher replies;
    private final ShopperScript script;
    private final Clock clock;

    public SatisfactionSurvey(ConversationStore conversations, CsatStore ratings, ReplyDispatcher replies,
            ShopperScript script, Clock clock) {
        this.script = script;
        this.conversations = conversations;
        this.ratings = ratings;
        this.replies = replies;
        this.clock = clock;
    }

    /** Asks the customer of a just-closed conversation for a rating. */
    public void ask(Customer customer, Conversation closed) {
        Instant now = clock.instant();
        Conversation pending = conversations.update(closed.id(), c -> c.withAttribute(PENDING, "true", now));
        String text = "zh".equals(pending.locale())
                ? script.in(pending.id(), "请为本次服务打分：回复 1-5（5 = 非常满意）。")
                : "How satisfied were you with our help? Reply 1-5 (5 = very satisfied).";
        Message question = Message.outbound(pending.id(), pending.channel(), SenderRole.SYSTEM, "system", text, now)
                .withMetadata(Map.of(WireMessages.QUICK_REPLIES,
                        WireMessages.joinQuickReplies(List.of("1", "2", "3", "4", "5"))));
        conversations.append(question);
        replies.deliver(customer, pending, question);
    }

    /** A recorded rating: the rated conversation, the customer's stored answer and the stored thanks. */
    public record Answer(Conversation conversation, Message message, Message thanks) {
    }

    /**
     * If a conversation of the customer awaits a rating (see {@link #awaitingRating}) and {@code text} is one,
     * records it and stores the thanks; {@link #thank} sends it, once the answer is acknowledged.
     *
     * @param messageId the client's id for the answer, or null for a new one
     */
    public Optional<Answer> tryAnswer(Customer customer, String text, MessageId messageId) {
        OptionalScore score = parse(text);
        if (score.value == 0) {
            return Optional.empty();
        }
        Optional<Conversation> latest = awaitingRating(customer);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (score.value == OUT_OF_RANGE) {
            // "6", "10": meant as a rating, outside the scale: ask again and keep the survey open
            Conversation asked = latest.get();
            Message answer = withId(Message.inbound(asked.id(), asked.channel(), customer.id().value(), text.strip(),
                    List.of(), now), messageId);
            conversations.append(answer);
            Message again = Message.outbound(asked.id(), asked.channel(), SenderRole.SYSTEM, "system",
                    "zh".equals(asked.locale())
                            ? script.in(asked.id(), "请回复 1 到 5 之间的数字（5 = 非常满意）。")
                            : "Please reply with a number from 1 to 5 (5 = very satisfied).", now)
                    .withMetadata(Map.of(WireMessages.QUICK_REPLIES,
                            WireMessages.joinQuickReplies(List.of("1", "2", "3", "4", "5"))));
            conversations.append(again);
            return Optional.of(new Answer(asked, answer, again));
        }
        Conversation rated = conversations.update(latest.get().id(), c -> c.withAttribute(PENDING, null, now)
                .withAttribute(SCORE, Integer.toString(score.value), now));
        String agent = rated.owner();
        ratings.record(new CsatRating(rated.id(), agent == null ? null : new AgentId(agent), rated.channel(),
                score.value, now));
        Message answer = withId(Message.inbound(rated.id(), rated.channel(), customer.id().value(), text.strip(),
                List.of(), now), messageId);
        conversations.append(answer);
        Message thanks = Message.outbound(rated.id(), rated.channel(), SenderRole.SYSTEM, "system",
                "zh".equals(rated.locale()) ? script.in(rated.id(), "感谢您的评价！") : "Thank you for your feedback!",
                now);
        conversations.append(thanks);
        LOG.info("csat score={} conversation={}", score.value, rated.id());
        return Optional.of(new Answer(rated, answer, thanks));
    }

    /**
     * The conversation a rating now answers: the customer's latest, closed with the survey pending. A REST client
     * sees the survey only in the response to its next message, which therefore opened a new conversation without
     * having seen it; until the shopper's message after that response, the survey of the conversation before the
     * new one is still pending.
     */
    private Optional<Conversation> awaitingRating(Customer customer) {
        Optional<Conversation> open = conversations.findOpenByCustomer(customer.id());
        if (open.isPresent()) {
            return open.get().status() == ConversationStatus.BOT ? surveyedInRestResponse(open.get())
                    : Optional.empty();
        }
        List<ConversationId> all = conversations.listByCustomer(customer.id());
        return all.isEmpty() ? Optional.empty() : conversations.find(all.get(all.size() - 1))
                .filter(c -> !c.isOpen() && c.attribute(PENDING).isPresent() && surveyReachedTheShopper(c));
    }

    /**
     * Whether the closed conversation's survey question can have been read: always on a channel that pushes it (chat,
     * SMS, e-mail); over REST only once a REST response carried everything up to it. A REST shopper's "4" sent before
     * that is not an answer (it was recorded as a score of 4, and its response held question and thanks at once).
     */
    private boolean surveyReachedTheShopper(Conversation closed) {
        if (closed.channel() != Channel.REST) {
            return true;
        }
        List<Message> transcript = conversations.recent(closed.id(), 1);
        return !transcript.isEmpty() && closed.attribute(ConversationService.REST_DELIVERED)
                .filter(transcript.get(0).id().value()::equals).isPresent();
    }

    /**
     * The closed conversation before {@code open} if its survey is pending and reached the shopper only in the REST
     * response to the one message of {@code open}: a bot conversation whose single customer message came over REST.
     */
    private Optional<Conversation> surveyedInRestResponse(Conversation open) {
        List<ConversationId> all = conversations.listByCustomer(open.customerId());
        int at = all.indexOf(open.id());
        if (at < 1) {
            return Optional.empty();
        }
        Optional<Conversation> previous = conversations.find(all.get(at - 1)).filter(c -> !c.isOpen()
                && c.attribute(PENDING).isPresent() && c.attribute(ConversationService.REST_DELIVERED).isPresent());
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        List<Message> asked = conversations.transcript(open.id()).stream()
                .filter(m -> m.senderRole() == SenderRole.CUSTOMER).toList();
        return asked.size() == 1 && asked.get(0).channel() == Channel.REST ? previous : Optional.empty();
    }

    private static Message withId(Message m, MessageId id) {
        return id == null ? m : new Message(id, m.conversationId(), m.channel(), m.direction(), m.senderRole(),
                m.senderId(), m.text(), m.attachments(), m.at(), m.metadata());
    }

    /** Sends the thanks stored with a rating (or the question asked again after an out-of-range number). */
    public void thank(Customer customer, Conversation rated, Message thanks) {
        replies.deliver(customer, rated, thanks);
    }

    record OptionalScore(int value) {
    }

    static OptionalScore parse(String raw) {
        if (raw == null || raw.length() > MAX_ANSWER_CHARS) {
            return new OptionalScore(0);
        }
        // full-width digits ("５", typed on Chinese keyboards) and letters to ASCII
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        Integer worded = WORDS.get(TRAILING.matcher(text.strip()).replaceAll("").toLowerCase(Locale.ROOT));
        if (worded != null) {
            return new OptionalScore(worded);
        }
        Matcher number = NUMBER.matcher(text);
        if (number.matches()) {
            String digits = number.group(1);
            boolean onScale = digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '5';
            return new OptionalScore(onScale ? digits.charAt(0) - '0' : OUT_OF_RANGE);
        }
        Matcher commented = DIGIT_WITH_COMMENT.matcher(text);
        if (commented.matches()) {
            return new OptionalScore(Integer.parseInt(commented.group(1)));
        }
        Matcher stars = STARS.matcher(text);
        if (stars.matches()) {
            return new OptionalScore(stars.group(1).codePointCount(0, stars.group(1).length()));
        }
        return new OptionalScore(0);
    }
}
