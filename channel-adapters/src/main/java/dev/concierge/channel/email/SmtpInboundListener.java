package dev.concierge.channel.email;

import dev.concierge.channel.MalformedInputException;
import dev.concierge.core.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Receives mail over SMTP (SubEthaSMTP; one thread per connection, its own pool — never the event loop). A mail
 * is accepted (250) only once the {@link EmailInbound} stored it; refused input gets a 5xx reply, a storage
 * failure a 451 so the sending server retries. Transport only: parsing and normalising live elsewhere.
 */
public final class SmtpInboundListener {
    private static final Logger log = LoggerFactory.getLogger(SmtpInboundListener.class);
    private final EmailSettings settings;
    private final MimeEmailParser parser;
    private final EmailInbound inbound;
    private SMTPServer server;

    public SmtpInboundListener(EmailSettings settings, MimeEmailParser parser, EmailInbound inbound) {
        this.settings = settings;
        this.parser = parser;
        this.inbound = inbound;
    }

    /** Binds the port (blocks until bound). */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (!settings.listenerEnabled()) {
            throw new IllegalStateException("SMTP listener disabled (" + EmailSettings.ENV_LISTEN_PORT + " not set)");
        }
        server = SMTPServer.port(settings.listenPort())
                .hostName(settings.domain())
                .softwareName("Concierge")
                .maxMessageSize(settings.maxMessageBytes())
                .maxRecipients(50)
                .maxConnections(20) // each session may buffer up to maxMessageBytes
                .connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .messageHandlerFactory(Session::new)
                .build();
        server.start();
        log.info("event=smtp_listener_started port={}", port());
    }

    /** The bound port (useful with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getPortAllocated();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** State of one SMTP transaction. */
    private final class Session implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        Session(MessageContext context) {
        }

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient == null || !recipient.contains("@")) {
                throw new RejectException(553, "5.1.3 bad recipient address");
            }
            String domain = recipient.substring(recipient.lastIndexOf('@') + 1).strip();
            if (!domain.equalsIgnoreCase(settings.domain())) {
                throw new RejectException(550, "5.7.1 we only accept mail for " + settings.domain());
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
            byte[] raw;
            try {
                raw = MimeEmailParser.readBounded(data, settings.maxMessageBytes(), "message too large");
            } catch (MalformedInputException e) {
                throw new RejectException(552, "5.3.4 message larger than " + settings.maxMessageBytes() + " bytes");
            }
            try {
                EmailInbound.Outcome outcome = inbound.accept(parser.parse(raw, recipients));
                return "2.0.0 " + outcome.name().toLowerCase(java.util.Locale.ROOT);
            } catch (MalformedInputException e) {
                log.info("event=smtp_inbound_rejected status={} reason=\"{}\"", e.httpStatus(), e.getMessage());
                int code = e.httpStatus() == 413 ? 552 : 554;
                throw new RejectException(code, (code == 552 ? "5.3.4 " : "5.6.0 ") + oneLine(e.getMessage()));
            } catch (StoreUnavailableException e) {
                throw new RejectException(451, "4.3.0 temporarily unavailable, try again later");
            } catch (RuntimeException e) {
                log.error("event=smtp_inbound_failed", e);
                throw new RejectException(451, "4.3.0 temporarily unavailable, try again later");
            }
        }

        @Override
        public void done() {
        }
    }

    private static String oneLine(String s) {
        String t = s == null ? "refused" : s.replaceAll("[\\r\\n]+", " ");
        return t.length() > 200 ? t.substring(0, 200) : t;
    }
}
