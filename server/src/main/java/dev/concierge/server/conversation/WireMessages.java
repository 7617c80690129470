package dev.concierge.server.conversation;

import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.Message;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a stored message looks on the wire (history frames, transcripts in offers, REST responses). */
public final class WireMessages {
    /** Metadata key holding the quick replies of a bot message, separated by {@link #QUICK_REPLY_SEPARATOR}. */
    public static final String QUICK_REPLIES = "quickReplies";
    /** Metadata key of a bot reply: the id of the customer message it answers. */
    public static final String IN_REPLY_TO = "inReplyTo";
    public static final String QUICK_REPLY_SEPARATOR = "\u001f";

    private WireMessages() {
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
