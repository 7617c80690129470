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

    // --- acknowledged messages awaiting the bot's answer (one slot: the claim script reads both)
    public String pendingAnswersDue() {
        return ns + ":{pending}:due";
    }

    public String pendingAnswersPayloads() {
        return ns + ":{pending}:payload";
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

    // --- curated knowledge base (one hash slot: the first edit and an import write both keys in one script)

    /** Hash: entry id → the entry as JSON (the knowledge-base file's entry format). */
    public String kbEntries() {
        return ns + ":{kb}:entries";
    }

    /** Set once the first edit stored the whole knowledge base: from then on the hash is the knowledge base. */
    public String kbStored() {
        return ns + ":{kb}:stored";
    }

    // --- cross-node bus (pub/sub channels are not keys, but share the namespace)
    public String busChannel(String topic) {
        return ns + ":bus:" + topic;
    }

    // --- attachments
    public String attachment(String reference) {
        return ns + ":att:" + reference;
    }

    /** Set of the references of the files a customer uploaded, so that erasing them finds unsent ones too. */
    public String uploadsOf(CustomerId id) {
        return ns + ":cust:{" + id.value() + "}:uploads";
    }

    // --- auth
    public String session(String tokenHash) {
        return ns + ":session:" + tokenHash;
    }

    public String shopperToken(CustomerId id) {
        return ns + ":cust:{" + id.value() + "}:token";
    }

    // --- routing
    // Routing state is one slot ({routing}): claiming needs the queue, the conversation and the agent's capacity
    // counter in one atomic script. Tickets and CSAT have their own slots.

    /**
     * The shared keys of the routing state, in the order the routing scripts expect them as KEYS; the
     * per-conversation hashes and per-agent held-by sets are addressed inside the scripts by prefix (same slot).
     */
    public java.util.List<String> routingState() {
        String p = ns + ":{routing}:";
        return java.util.List.of(p + "queue", p + "presence", p + "load", p + "lastoffer", p + "owner:conv",
                p + "owner:cust", p + "timers", p + "breaches", p + "open", routingAgentsVersion(), p + "ready");
    }

    /** Prefix of the per-agent set of conversations held (offered or assigned); same slot as the state. */
    public String routingHeldByPrefix() {
        return ns + ":{routing}:heldby:";
    }

    public String routingAgents() {
        return ns + ":{routing}:agents";
    }

    /** Hash: agent id → epoch ms of the last time a node vouched the agent is connected to it. */
    public String agentHeartbeats() {
        return ns + ":{routing}:heartbeats";
    }

    public String routingAgentsVersion() {
        return ns + ":{routing}:agents:version";
    }

    public String tickets() {
        return ns + ":{tickets}:byid";
    }

    public String ticketsByConversation() {
        return ns + ":{tickets}:byconv";
    }

    public String openTicketsByDue() {
        return ns + ":{tickets}:open";
    }

    public String csatRatings() {
        return ns + ":{csat}:byconv";
    }

    public String csatRecent() {
        return ns + ":{csat}:recent";
    }

    // --- channels (idempotency, opt-outs, outbox, email threads; see dev.concierge.redis.channel)
    /** Provider message ids and replay tokens already accepted; {@code key} is already made key-safe. */
    public String channelDedupe(String scope, String safeKey) {
        return ns + ":chan:dedupe:" + scope + ":" + safeKey;
    }

    public String channelOptOuts(String channelWireName) {
        return ns + ":chan:optout:" + channelWireName;
    }

    /** All outbox keys share the {outbox} hash tag so one Lua script may claim and update them together. */
    public String outboxEntry(String entryId) {
        return ns + ":chan:{outbox}:entry:" + entryId;
    }

    /** Set: the ids of the conversation's outbox entries (same slot as the entries: the erasure script needs both). */
    public String outboxByConversation(ConversationId conversation) {
        return ns + ":chan:{outbox}:conv:" + conversation.value();
    }

    public String outboxDue() {
        return ns + ":chan:{outbox}:due";
    }

    public String deliveryReceipt(String providerMessageId) {
        return ns + ":chan:receipt:" + providerMessageId;
    }

    public String emailMessageId(String safeMessageId) {
        return ns + ":chan:email:msgid:" + safeMessageId;
    }

    public String emailReferences(ConversationId id) {
        return ns + ":chan:email:conv:{" + id.value() + "}:refs";
    }

    public String emailReplyToken(ConversationId id) {
        return ns + ":chan:email:conv:{" + id.value() + "}:token";
    }

    public String emailSubject(ConversationId id) {
        return ns + ":chan:email:conv:{" + id.value() + "}:subject";
    }

    public String emailTokenIndex(String token) {
        return ns + ":chan:email:token:" + token;
    }

    // --- dialogue (bot-engine: dialogue state per conversation, unanswered-question log)
    public String dialogueState(ConversationId id) {
        return ns + ":conv:{" + id.value() + "}:dialogue";
    }

    public String unansweredQuestions() {
        return ns + ":bot:unanswered";
    }

    // --- customer locks (one writer at a time per customer across nodes)
    public String customerLock(CustomerId id) {
        return ns + ":lock:customer:{" + id.value() + "}";
    }

    // --- routing, per conversation (appended here to ease merging; see the routing section above)
    /**
     * Prefix of the per-conversation routing hash (entry, rank, channel, customer, declined, holder), same
     * {@code {routing}} slot as the rest of the routing state; the scripts append the conversation id.
     */
    public String routingConversationPrefix() {
        return ns + ":{routing}:conv:";
    }
}
