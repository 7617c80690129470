package dev.concierge.redis;

import dev.concierge.core.Ids;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import java.util.Locale;

/**
 * Every Redis key Concierge uses, in one place. All keys start with the configured namespace (so several
 * deployments or test runs share one Redis). Keys of one conversation carry its id as a hash tag, so they
 * share a cluster slot and one Lua script may touch them together.
 */
public final class RedisKeys {
    private final String ns;

    public RedisKeys(String namespace) {
        this.ns = Ids.requireSafe(namespace, "redis namespace");
    }

    public String namespace() {
        return ns;
    }

    /** Pattern matching every key of this namespace (for SCAN-based cleanup, never KEYS). */
    public String everything() {
        return ns + ":*";
    }

    // --- conversations
    public String conversation(ConversationId id) {
        return ns + ":conv:{" + id.value() + "}";
    }

    public String transcript(ConversationId id) {
        return ns + ":conv:{" + id.value() + "}:transcript";
    }

    public String transcriptIds(ConversationId id) {
        return ns + ":conv:{" + id.value() + "}:msgids";
    }

    public String conversationsOfCustomer(CustomerId id) {
        return ns + ":cust:{" + id.value() + "}:convs";
    }

    public String conversationsByStatus(ConversationStatus status) {
        return ns + ":convs:status:" + status.name().toLowerCase(Locale.ROOT);
    }

    // --- customers
    public String customer(CustomerId id) {
        return ns + ":cust:{" + id.value() + "}";
    }

    public String identityIndex() {
        return ns + ":identities";
    }

    public static String identityField(Identity identity) {
        return identity.key();
    }

    // --- auth
    public String session(String tokenHash) {
        return ns + ":session:" + tokenHash;
    }

    public String shopperToken(CustomerId id) {
        return ns + ":cust:{" + id.value() + "}:token";
    }

    // --- dialogue (bot-engine: dialogue state per conversation, unanswered-question log)
    public String dialogueState(ConversationId id) {
        return ns + ":conv:{" + id.value() + "}:dialogue";
    }

    public String unansweredQuestions() {
        return ns + ":bot:unanswered";
    }
}
