package dev.concierge.channel.email;

import dev.concierge.core.conversation.ConversationId;
import java.util.List;
import java.util.Optional;

/**
 * Maps email threading facts to conversations: every Message-ID we received or sent, the thread's subject and
 * a per-conversation reply-address token (the fallback when a mail client drops In-Reply-To/References).
 * Message-IDs are stored without angle brackets. Thread-safe; atomic across nodes.
 */
public interface EmailThreadStore {

    /** How many Message-IDs per conversation are kept for the References header (the newest). */
    int MAX_REFERENCES = 20;

    /** Records that {@code messageId} belongs to {@code conversation} and appends it to its references. */
    void link(ConversationId conversation, String messageId);

    /** Forgets the conversation's thread: its message ids, reply token and subject (the customer's erasure). */
    void forget(ConversationId conversation);

    Optional<ConversationId> conversationOf(String messageId);

    /** The conversation's Message-IDs, oldest first, at most {@link #MAX_REFERENCES}. */
    List<String> references(ConversationId conversation);

    /** The conversation's reply token, created on first use and stable afterwards. */
    String replyToken(ConversationId conversation);

    Optional<ConversationId> conversationOfToken(String token);

    /** Remembers the thread's subject unless one is already remembered. */
    void rememberSubject(ConversationId conversation, String subject);

    Optional<String> subject(ConversationId conversation);
}
