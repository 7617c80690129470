package dev.concierge.channel.email;

import dev.concierge.channel.DeliveryException;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.OutputChannel;
import dev.concierge.channel.SendResult;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.IdentityType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends replies over SMTP with correct threading: {@code In-Reply-To} = the thread's newest Message-ID,
 * {@code References} = the thread's ids, {@code Subject: Re: ...}, a Reply-To carrying the conversation's reply
 * token, and our own Message-ID recorded in the thread store so the customer's answer finds the conversation.
 * One attempt per call (the outbox dispatcher retries); blocks on SMTP.
 */
public final class EmailOutputChannel implements OutputChannel {
    private static final int MAX_IDLE_CONNECTIONS = 4;

    private final EmailSettings settings;
    private final EmailThreadStore threads;
    private final Session session;
    /**
     * Connections to the relay kept open between sends: a connection per reply cost a TCP set-up, the greeting,
     * EHLO and QUIT every time, on both ends. A kept connection is checked with NOOP before use
     * (Transport.isConnected) and replaced when the relay has dropped it; one that failed a send is closed, not
     * returned.
     */
    private final BlockingQueue<Transport> idle = new LinkedBlockingQueue<>(MAX_IDLE_CONNECTIONS);

    public EmailOutputChannel(EmailSettings settings, EmailThreadStore threads) {
        this.settings = settings;
        this.threads = threads;
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.relayHost());
        p.setProperty("mail.smtp.port", Integer.toString(settings.relayPort()));
        String timeout = Long.toString(settings.smtpTimeout().toMillis());
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.localhost", settings.domain());
        this.session = Session.getInstance(p);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendResult sendText(OutboundMessage message) throws DeliveryException {
        if (message.recipient().type() != IdentityType.EMAIL) {
            throw DeliveryException.permanent("email needs an email recipient");
        }
        String ourId = UUID.randomUUID() + "@" + settings.domain();
        try {
            MimeMessage mail = new ThreadedMimeMessage(session, MessageIds.bracket(ourId));
            mail.setFrom(new InternetAddress(settings.fromAddress()));
            mail.setReplyTo(new InternetAddress[] {new InternetAddress(
                    ReplyTokens.replyAddress(settings.fromAddress(), threads.replyToken(message.conversationId())))});
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.recipient().value()));
            mail.setSubject(subject(message), StandardCharsets.UTF_8.name());
            List<String> refs = threads.references(message.conversationId());
            if (!refs.isEmpty()) {
                mail.setHeader("In-Reply-To", MessageIds.bracket(refs.get(refs.size() - 1)));
                mail.setHeader("References", String.join(" ", refs.stream().map(MessageIds::bracket).toList()));
            }
            mail.setSentDate(new Date());
            mail.setText(message.text(), StandardCharsets.UTF_8.name());
            mail.saveChanges();
            send(mail);
        } catch (MessagingException e) {
            throw classify(e);
        }
        threads.link(message.conversationId(), ourId);
        return SendResult.sent(ourId);
    }

    private void send(MimeMessage mail) throws MessagingException {
        Transport transport = idle.poll();
        if (transport != null && !transport.isConnected()) {
            closeQuietly(transport);
            transport = null;
        }
        if (transport == null) {
            transport = session.getTransport("smtp");
            transport.connect();
        }
        try {
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
        if (!idle.offer(transport)) {
            closeQuietly(transport);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the connection is gone either way
        }
    }

    private String subject(OutboundMessage message) {
        if (!message.subject().isBlank()) {
            return message.subject();
        }
        return threads.subject(message.conversationId()).map(s -> {
            String lower = s.toLowerCase(Locale.ROOT);
            return lower.startsWith("re:") || s.startsWith("回复") ? s : "Re: " + s;
        }).orElse("Re: your message to customer service");
    }

    private static DeliveryException classify(MessagingException e) {
        if (e instanceof SMTPSendFailedException s) {
            int code = s.getReturnCode();
            return code >= 400 && code < 500 ? DeliveryException.retryable("SMTP relay answered " + code, e)
                    : new DeliveryException("SMTP relay refused: " + code, false, e);
        }
        if (e instanceof MailConnectException || e.getCause() instanceof IOException) {
            return DeliveryException.retryable("SMTP relay unreachable: " + e.getMessage(), e);
        }
        if (e instanceof jakarta.mail.internet.AddressException) {
            return new DeliveryException("bad address: " + e.getMessage(), false, e);
        }
        return DeliveryException.retryable("SMTP send failed: " + e.getMessage(), e);
    }

    /** A MimeMessage whose Message-ID is ours (saveChanges would otherwise invent one). */
    private static final class ThreadedMimeMessage extends MimeMessage {
        private final String messageId;

        ThreadedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
