package dev.concierge.server.audit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.concierge.core.privacy.PersonalDataMasker;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Feeds the {@code key=value} lines that components write to the SLF4J logger {@code audit} into an
 * {@link AuditLog}, so every existing audit line becomes queryable before each caller is moved to
 * {@link AuditLog#record} directly. {@link #close()} detaches it.
 */
public final class AuditLogbackBridge extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final java.util.Set<String> ACTOR_KEYS = java.util.Set.of("agent", "reader", "actor");
    private static final PersonalDataMasker MASKER = new PersonalDataMasker();
    private final AuditLog log;
    private final Logger logger;

    private AuditLogbackBridge(AuditLog log, Logger logger) {
        this.log = log;
        this.logger = logger;
    }

    /** Attaches a bridge to the {@code audit} logger; a no-op bridge when Logback is not the SLF4J backend. */
    public static AutoCloseable install(AuditLog log) {
        if (!(LoggerFactory.getLogger("audit") instanceof Logger logger)) {
            return () -> { };
        }
        AuditLogbackBridge bridge = new AuditLogbackBridge(log, logger);
        bridge.setContext(logger.getLoggerContext());
        bridge.setName("audit-log-" + System.identityHashCode(bridge));
        bridge.start();
        logger.addAppender(bridge);
        // The audit trail must not depend on the log level chosen for the console.
        if (!logger.isInfoEnabled()) {
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        return bridge;
    }

    @Override
    protected void append(ILoggingEvent event) {
        log.record(parse(event.getFormattedMessage(), Instant.ofEpochMilli(event.getTimeStamp())));
    }

    /** {@code agent=a-1 action=read conversation=c-1 allowed=false} → an event; unknown keys become details. */
    static AuditEvent parse(String line, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String actor = null;
        for (String key : ACTOR_KEYS) {
            if (fields.containsKey(key)) {
                actor = fields.remove(key);
                break;
            }
        }
        String action = fields.getOrDefault("action", "unknown");
        fields.remove("action");
        String conversation = fields.remove("conversation");
        String allowedText = fields.remove("allowed");
        boolean allowed = allowedText == null ? !"denied".equals(action) : Boolean.parseBoolean(allowedText);
        // masked as in the console log: a customer id that is an e-mail address or a phone number was served in
        // clear by the audit API (and kept after the customer's erasure)
        fields.replaceAll((key, value) -> MASKER.mask(value));
        return new AuditEvent(at, actor, action, conversation, allowed, fields);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
