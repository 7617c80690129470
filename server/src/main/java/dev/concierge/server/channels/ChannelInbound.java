package dev.concierge.server.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.InboundHandler;
import dev.concierge.channel.InboundMessage;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.FileNames;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.PendingAnswers;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.FirstContact;
import dev.concierge.server.conversation.Inbound;
import dev.concierge.server.conversation.KeyedExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files SMS and email messages: the customer is found (or created) by phone or email, attachments are stored,
 * the message is appended on the customer's lane and the webhook is acknowledged; the bot answers afterwards
 * on the same lane, so one customer's messages are still handled in order.
 */
public final class ChannelInbound implements InboundHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelInbound.class);

    private final ConversationService conversations;
    private final CustomerStore customers;
    private final AttachmentStore attachments;
    private final KeyedExecutor executor;
    private final Clock clock;
    private final PendingAnswers pending;
    private final ObjectMapper json = new ObjectMapper();

    /** How long an acknowledged message may wait for its answer before any node answers it. */
    static final Duration ANSWER_DUE = Duration.ofSeconds(30);
    /** A node that claimed an overdue message has this long to answer it before another may. */
    static final Duration ANSWER_LEASE = Duration.ofSeconds(60);
    /** An overdue message still unanswered after this is given up (logged): answering it cannot be right any more. */
    static final Duration GIVE_UP = Duration.ofHours(1);

    /**
     * The serialised form of an {@link Inbound} in {@link PendingAnswers}.
     *
     * @param at when the message arrived, epoch ms
     */
    record Pending(String customer, String channel, String text, List<Attachment> attachments, String localeHint,
            String messageId, Map<String, String> metadata, String thread, long at) {
    }

    public ChannelInbound(ConversationService conversations, CustomerStore customers, AttachmentStore attachments,
            KeyedExecutor executor, PendingAnswers pending, Clock clock) {
        this.pending = pending;
        this.conversations = conversations;
        this.customers = customers;
        this.attachments = attachments;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public ConversationId onMessage(InboundMessage message) {
        return onMessage(message, conversation -> { });
    }

    @Override
    public ConversationId onMessage(InboundMessage message, Consumer<ConversationId> filed) {
        Customer customer = FirstContact.meet(customers, message.sender(), message.text(), null, clock.instant());
        String name = message.metadata().getOrDefault(InboundMessage.SENDER_NAME, "");
        if (customer.displayName().isBlank() && !name.isBlank()) {
            // "Alice Zhang <alice@…>": the agent's card shows a name instead of an empty one
            customer = customers.update(customer.id(), c -> c.displayName().isBlank()
                    ? c.withProfile(name, c.vipTier()) : c);
        }
        List<Attachment> files = message.attachments().stream().map(this::store).toList();
        String locale = message.localeHint().isEmpty() ? null : message.localeHint();
        Inbound inbound = new Inbound(customer.id(), message.channel(), message.text(), files, locale,
                new MessageId("p-" + digest(message.channel().wireName() + ":" + message.providerMessageId())),
                message.metadata(), message.threadHint());
        ConversationService.Stored stored;
        try {
            stored = executor.submit(customer.id(), () -> conversations.store(inbound)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        try {
            filed.accept(stored.conversation().id()); // before the answer: email threading must be in place
        } catch (RuntimeException e) {
            LOG.warn("channel bookkeeping for {} message {} failed: {}", message.channel().wireName(),
                    stored.message().id(), e.toString());
        }
        // the provider gets its 2xx now and will not send this again: if this node dies before the answer, another
        // node answers it once it is overdue (answerOverdue)
        pending.add(stored.message().id(), payload(inbound), clock.instant().plus(ANSWER_DUE));
        answer(inbound.customer(), stored);
        return stored.conversation().id();
    }

    private void answer(dev.concierge.core.customer.CustomerId customer, ConversationService.Stored stored) {
        executor.submit(customer, () -> conversations.respond(stored)).whenComplete((done, e) -> {
            if (e != null) {
                LOG.error("answering {} message {} failed", stored.message().channel().wireName(),
                        stored.message().id(), e);
                return;
            }
            try {
                pending.remove(stored.message().id());
            } catch (RuntimeException gone) {
                // answered; a node may answer it again when overdue, which finds the stored answer and sends nothing
                LOG.warn("could not clear pending answer {}: {}", stored.message().id(), gone.toString());
            }
        });
    }

    /**
     * Answers the acknowledged messages whose answer is overdue (their node died between the acknowledgement and the
     * answer). Storing and answering are idempotent by message id: a message answered meanwhile gets nothing new.
     * Called periodically on a worker thread; returns how many it took on.
     */
    public int answerOverdue() {
        Instant now = clock.instant();
        List<String> due = pending.claimDue(now, 50, now.plus(ANSWER_LEASE));
        for (String payload : due) {
            Inbound inbound;
            Pending p;
            try {
                p = json.readValue(payload, Pending.class);
                inbound = new Inbound(new dev.concierge.core.customer.CustomerId(p.customer()),
                        Channel.valueOf(p.channel()), p.text(), p.attachments(), p.localeHint(),
                        new MessageId(p.messageId()), p.metadata(),
                        p.thread() == null ? null : new ConversationId(p.thread()));
            } catch (IOException | RuntimeException e) {
                LOG.error("unreadable pending answer dropped: {}", e.toString());
                continue;
            }
            if (Instant.ofEpochMilli(p.at()).isBefore(now.minus(GIVE_UP))) {
                LOG.error("{} message {} still unanswered after {}: given up", p.channel(), p.messageId(), GIVE_UP);
                pending.remove(inbound.messageId());
                continue;
            }
            LOG.warn("{} message {} was acknowledged but not answered in time: answering it here", p.channel(),
                    p.messageId());
            executor.submit(inbound.customer(), () -> conversations.store(inbound))
                    .thenAccept(stored -> answer(inbound.customer(), stored))
                    .exceptionally(e -> {
                        LOG.warn("could not answer overdue message {}: {}", p.messageId(), e.toString());
                        return null;
                    });
        }
        return due.size();
    }

    private String payload(Inbound in) {
        try {
            return json.writeValueAsString(new Pending(in.customer().value(), in.channel().name(), in.text(),
                    in.attachments(), in.localeHint(), in.messageId().value(), in.metadata(),
                    in.thread() == null ? null : in.thread().value(), clock.instant().toEpochMilli()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a pending answer", e);
        }
    }

    @Override
    public void onOptOutChanged(Identity who, boolean optedOut) {
        LOG.info("{} opted {} by keyword", who.type(), optedOut ? "out" : "in");
        // the agent on their open SMS conversation is told: their replies were suppressed without a word
        customers.findByIdentity(who).ifPresent(c -> executor.submit(c.id(),
                () -> conversations.optOutChanged(c, Channel.SMS, optedOut)).whenComplete((done, e) -> {
                    if (e != null) {
                        LOG.warn("opt-out notice not recorded: {}", e.toString());
                    }
                }));
    }

    private Attachment store(InboundAttachment a) {
        if (!a.url().isEmpty()) {
            // Provider media stays at the provider; the agent desk links to it.
            return new Attachment(a.name(), a.contentType(), a.sizeBytes(), a.url());
        }
        byte[] content = a.content();
        // the sender's name for the file, as every channel keeps one: no path, no quotes or line breaks
        String name = FileNames.safe(a.name());
        String reference = attachments.put(new StoredFile(name, a.contentType(), content));
        return new Attachment(name, a.contentType(), content.length, reference);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
