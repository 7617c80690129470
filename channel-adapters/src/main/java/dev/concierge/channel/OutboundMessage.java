package dev.concierge.channel;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import java.util.List;
import java.util.Objects;

/**
 * A reply to send on a channel.
 *
 * @param shortText    a shorter version of {@code text} for constrained channels (the KB's SMS answer), or ""
 * @param quickReplies suggested answers; channels without buttons render them as a numbered list
 * @param imageUrls    images to show; channels without images render them as links
 * @param subject      the email subject to use, or "" to reply to the thread's subject
 */
public record OutboundMessage(ConversationId conversationId, Identity recipient, String text, String shortText,
        List<String> quickReplies, List<String> imageUrls, String subject) {

    public OutboundMessage {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(recipient, "recipient");
        text = text == null ? "" : text;
        shortText = shortText == null ? "" : shortText;
        quickReplies = List.copyOf(quickReplies == null ? List.of() : quickReplies);
        imageUrls = List.copyOf(imageUrls == null ? List.of() : imageUrls);
        subject = subject == null ? "" : subject;
        if (text.isBlank() && imageUrls.isEmpty()) {
            throw new IllegalArgumentException("an outbound message needs text or an image");
        }
    }

    public static OutboundMessage text(ConversationId conversation, Identity recipient, String text) {
        return new OutboundMessage(conversation, recipient, text, "", List.of(), List.of(), "");
    }

    public OutboundMessage withText(String newText) {
        return new OutboundMessage(conversationId, recipient, newText, shortText, quickReplies, imageUrls, subject);
    }

    public OutboundMessage withShortText(String newShort) {
        return new OutboundMessage(conversationId, recipient, text, newShort, quickReplies, imageUrls, subject);
    }

    public OutboundMessage withQuickReplies(List<String> replies) {
        return new OutboundMessage(conversationId, recipient, text, shortText, replies, imageUrls, subject);
    }

    /**
     * Only text: quick replies as a numbered list, images as links. The fallback every channel can send. Replies that
     * are their own numbers (the survey's "1" … "5") are not listed: "1. 1 / 2. 2 / …" said nothing the text did not.
     */
    public OutboundMessage asPlainText() {
        StringBuilder sb = new StringBuilder(text);
        for (String url : imageUrls) {
            sb.append(sb.length() == 0 ? "" : "\n").append(url);
        }
        boolean ownNumbers = true;
        for (int i = 0; i < quickReplies.size(); i++) {
            ownNumbers &= quickReplies.get(i).strip().equals(Integer.toString(i + 1));
        }
        for (int i = 0; i < quickReplies.size() && !ownNumbers; i++) {
            sb.append(sb.length() == 0 ? "" : "\n").append(i + 1).append(". ").append(quickReplies.get(i));
        }
        return new OutboundMessage(conversationId, recipient, sb.toString(), shortText, List.of(), List.of(), subject);
    }
}
