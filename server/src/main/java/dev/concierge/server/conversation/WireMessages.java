package dev.concierge.server.conversation;

import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.SenderRole;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a stored message looks on the wire (history frames, transcripts in offers, REST responses). */
public final class WireMessages {
    /** Metadata key holding the quick replies of a bot message, separated by {@link #QUICK_REPLY_SEPARATOR}. */
    public static final String QUICK_REPLIES = "quickReplies";
    /** Metadata key of a bot reply: the id of the customer message it answers. */
    public static final String IN_REPLY_TO = "inReplyTo";
    public static final String QUICK_REPLY_SEPARATOR = "\u001f";

    /** "1", "2.", "#3", "（2）": a number typed in answer to a numbered list of quick replies. */
    private static final Pattern NUMBERED = Pattern.compile("^[#(]?\\s*([1-9])\\s*[.)、。]?$");
    /**
     * Signs (characters other than spaces) a reply {@link #NUMBERED} matches holds at most: "#", the digit, a
     * closing mark. NFKC never turns one character into fewer or into a space other than a space character, so a
     * text with more cannot normalise to a match.
     */
    private static final int MAX_NUMBERED_SIGNS = 3;

    private WireMessages() {
    }

    /**
     * The quick reply a bare number picks (SMS and email show quick replies as a numbered list; chat shoppers type the
     * number of a button): option k of the bot's newest message, if nothing but system notices came after it and it
     * has k options.
     *
     * @param history the conversation's messages before this one, oldest first
     */
    public static Optional<String> numberedChoice(String text, List<Message> history) {
        if (text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).limit(
                MAX_NUMBERED_SIGNS + 1).count() > MAX_NUMBERED_SIGNS) {
            // it runs on every chat message now: a sentence is not normalised only to find it is no number
            return Optional.empty();
        }
        Matcher m = NUMBERED.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC).strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int k = Integer.parseInt(m.group(1));
        for (int i = history.size() - 1; i >= 0; i--) {
            Message previous = history.get(i);
            if (previous.senderRole() == SenderRole.SYSTEM) {
                continue;
            }
            List<String> options = previous.senderRole() == SenderRole.BOT ? quickReplies(previous) : List.of();
            return k <= options.size() ? Optional.of(options.get(k - 1)) : Optional.empty();
        }
        return Optional.empty();
    }

    public static Map<String, Object> toWire(Message m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id().value());
        out.put("from", m.senderRole().wireName());
        out.put("senderId", m.senderId());
        out.put("channel", m.channel().wireName());
        out.put("text", m.text());
        out.put("at", m.at().toString());
        if (!m.attachments().isEmpty()) {
            out.put("attachments", m.attachments().stream().map(WireMessages::attachment).toList());
        }
        String inReplyTo = m.metadata().get(IN_REPLY_TO);
        if (inReplyTo != null) {
            out.put("inReplyTo", inReplyTo);
        }
        List<String> quickReplies = quickReplies(m);
        if (!quickReplies.isEmpty()) {
            out.put("quickReplies", quickReplies);
        }
        return out;
    }

    public static List<String> quickReplies(Message m) {
        String joined = m.metadata().get(QUICK_REPLIES);
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(QUICK_REPLY_SEPARATOR));
    }

    public static String joinQuickReplies(List<String> replies) {
        return String.join(QUICK_REPLY_SEPARATOR, replies);
    }

    private static Map<String, Object> attachment(Attachment a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("contentType", a.contentType());
        out.put("size", a.sizeBytes());
        out.put("ref", a.reference());
        return out;
    }
}
