package dev.concierge.server.channels;

import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.channel.InboundAttachment;
import dev.concierge.core.attachment.FileNames;
import dev.concierge.channel.InboundHandler;
import dev.concierge.channel.InboundMessage;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.message.MessageId;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.Inbound;
import dev.concierge.server.conversation.KeyedExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files SMS and email messages: the customer is found (or created) by phone or email, attachments are stored,
 * the message is appended on the customer's lane and the webhook is acknowledged; the bot answers afterwards
 * on the same lane, so one customer's messages are still handled in order.
 */
public final class ChannelInbound implements InboundHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelInbound.class);

    private static final LanguageDetector LANGUAGES = new LanguageDetector();

    private final ConversationService conversations;
    private final CustomerStore customers;
    private final AttachmentStore attachments;
    private final KeyedExecutor executor;
    private final Clock clock;

    public ChannelInbound(ConversationService conversations, CustomerStore customers, AttachmentStore attachments,
            KeyedExecutor executor, Clock clock) {
        this.conversations = conversations;
        this.customers = customers;
        this.attachments = attachments;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public ConversationId onMessage(InboundMessage message) {
        boolean firstContact = customers.findByIdentity(message.sender()).isEmpty();
        Customer customer = customers.findOrCreate(message.sender(), clock.instant());
        String name = message.metadata().getOrDefault(InboundMessage.SENDER_NAME, "");
        if (customer.displayName().isBlank() && !name.isBlank()) {
            // "Alice Zhang <alice@…>": the agent's card shows a name instead of an empty one
            customer = customers.update(customer.id(), c -> c.displayName().isBlank()
                    ? c.withProfile(name, c.vipTier()) : c);
        }
        if (firstContact && !message.text().isBlank()) {
            // a customer first met on this message takes its language (the store's default is zh), so an
            // English email customer's card and later messages say en
            String language = LANGUAGES.detect(message.text());
            if (!language.equals(customer.locale())) {
                customer = customers.update(customer.id(), c -> c.withLocale(language));
            }
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
        executor.submit(customer.id(), () -> conversations.respond(stored)).exceptionally(e -> {
            LOG.error("answering {} message {} failed", message.channel().wireName(), stored.message().id(), e);
            return null;
        });
        return stored.conversation().id();
    }

    @Override
    public void onOptOutChanged(Identity who, boolean optedOut) {
        LOG.info("{} opted {} by keyword", who.type(), optedOut ? "out" : "in");
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
