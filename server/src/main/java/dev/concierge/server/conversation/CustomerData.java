package dev.concierge.server.conversation;

import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.Message;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Router;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's right to their data: export everything we hold about them as JSON, or erase it from every store
 * (conversations and transcripts, stored attachments and uploads never sent, dialogue state, resume token, the
 * customer and its identity index), taking open conversations out of the routing queue first. An agent holding
 * one of them is told ({@code closed} with reason {@code customer_erased}), so that their console drops it.
 */
public final class CustomerData {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerData.class);
    /** The reason agents and the shopper's chat windows are given when the customer is erased. */
    private static final String ERASED = "customer_erased";

    private final Stores stores;
    private final AttachmentStore attachments;
    private final ShopperTokenStore tokens;
    private final DialogueStateStore dialogue;
    private final Router router;
    private final UnansweredLog unanswered;
    private final OutboxStore outbox;
    private final EmailThreadStore threads;
    private final CsatStore csat;
    private final LiveConnections live;

    public CustomerData(Stores stores, AttachmentStore attachments, ShopperTokenStore tokens,
            DialogueStateStore dialogue, Router router, UnansweredLog unanswered, OutboxStore outbox,
            EmailThreadStore threads, CsatStore csat, LiveConnections live) {
        this.live = live;
        this.unanswered = unanswered;
        this.outbox = outbox;
        this.threads = threads;
        this.csat = csat;
        this.stores = stores;
        this.attachments = attachments;
        this.tokens = tokens;
        this.dialogue = dialogue;
        this.router = router;
    }

    public Map<String, Object> export(CustomerId id) {
        Customer customer = stores.customers().find(id)
                .orElseThrow(() -> new NoSuchElementException("no customer " + id));
        List<Map<String, Object>> conversations = new ArrayList<>();
        for (ConversationId cid : stores.conversations().listByCustomer(id)) {
            stores.conversations().find(cid).ifPresent(c -> conversations.add(
                    ContextCards.build(c, customer, stores.conversations().transcript(cid))));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", Map.of("id", customer.id().value(), "name", customer.displayName(),
                "locale", customer.locale(), "vipTier", customer.vipTier(), "createdAt",
                customer.createdAt().toString(), "identities", customer.identities().stream()
                        .map(i -> Map.of("type", i.type().name().toLowerCase(java.util.Locale.ROOT), "value",
                                i.value())).toList()));
        out.put("conversations", conversations);
        return out;
    }

    /** @return how many conversations were erased */
    public int erase(CustomerId id) {
        // questions a bot-API caller previewed for them are logged under their preview id, customer or not
        int previews = unanswered.forget(Set.of(ConversationService.previewOf(id).value()));
        if (stores.customers().find(id).isEmpty()) {
            if (previews > 0) {
                LOG.info("customer erased: previewed questions only");
                return 0;
            }
            throw new NoSuchElementException("no customer " + id);
        }
        int erased = 0;
        List<ConversationId> theirs = stores.conversations().listByCustomer(id);
        // their questions in the curation log first: masking leaves names and addresses in them
        unanswered.forget(theirs.stream().map(ConversationId::value).collect(java.util.stream.Collectors.toSet()));
        for (ConversationId cid : theirs) {
            stores.conversations().find(cid).filter(Conversation::isOpen).ifPresent(c -> {
                try {
                    Optional<AgentId> holder = router.holder(cid);
                    boolean assigned = c.status() == ConversationStatus.ASSIGNED;
                    // an agent only offered it has the offer withdrawn; an agent serving the customer was told
                    // nothing and kept the conversation on screen, replies to it failing
                    router.release(cid, ERASED);
                    holder.filter(agent -> assigned).ifPresent(agent -> live.toAgent(agent, Frame.of("closed")
                            .put("conversationId", cid.value()).put("reason", ERASED)));
                } catch (RuntimeException e) {
                    LOG.debug("release during erasure: {}", e.toString());
                }
            });
            for (Message m : stores.conversations().transcript(cid)) {
                for (Attachment a : m.attachments()) {
                    if (a.reference().startsWith("att-")) {
                        attachments.delete(a.reference());
                    }
                }
            }
            dialogue.delete(cid);
            // nothing more is sent to them (a pending e-mail kept being retried after the erasure), no thread,
            // rating or first-contact owner is left behind
            outbox.forgetConversation(cid);
            threads.forget(cid);
            csat.forget(cid);
            if (stores.conversations().delete(cid)) {
                erased++;
            }
        }
        // photos they uploaded and never sent are in no transcript
        int unsent = attachments.deleteUploadsOf(id);
        router.forgetCustomer(id, theirs);
        tokens.delete(id);
        stores.customers().delete(id);
        // their open chat windows are told and closed at once, on every node (they showed the erased transcript
        // until the shopper's next message)
        live.endShopper(id, Frame.of("session_ended").put("reason", ERASED));
        LOG.info("customer erased conversations={} unsentUploads={}", erased, unsent);
        return erased;
    }
}
