package dev.concierge.channel.outbox;

import dev.concierge.channel.DeliveryException;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.OutputChannel;
import dev.concierge.channel.SendResult;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends replies reliably: every reply is written to the outbox first, then tried a few times right away with
 * backoff; what still fails retryably stays in the outbox for {@link #drainOnce}, which the server calls
 * periodically on a worker thread. Delivery is at-least-once: a crash between the provider's acceptance and
 * our bookkeeping re-sends after the lease expires. Every method blocks (network, store): worker threads only.
 */
public final class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Map<Channel, OutputChannel> channels = new EnumMap<>(Channel.class);
    private final OutboxStore outbox;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public OutboxDispatcher(List<OutputChannel> outputs, OutboxStore outbox, RetryPolicy policy, Clock clock,
            Sleeper sleeper) {
        for (OutputChannel o : outputs) {
            channels.put(o.channel(), o);
        }
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public boolean supports(Channel channel) {
        return channels.containsKey(channel);
    }

    /**
     * Persists the reply, then tries to send it up to {@code policy.inlineAttempts()} times.
     *
     * @return the entry's state afterwards: SENT, SUPPRESSED, FAILED (permanent error), or PENDING (the drainer
     *         will retry)
     */
    public OutboxEntry submit(Channel channel, OutboundMessage message) {
        if (!channels.containsKey(channel)) {
            throw new IllegalArgumentException("channel not enabled: " + channel.wireName());
        }
        Instant now = clock.instant();
        OutboxEntry entry = OutboxEntry.pending(channel, message, now, now.plus(LEASE));
        outbox.add(entry);
        return attempt(entry, policy.inlineAttempts());
    }

    /** Attempts (once each) up to {@code limit} due entries; returns how many were claimed. */
    public int drainOnce(int limit) {
        Instant now = clock.instant();
        List<OutboxEntry> due = outbox.claimDue(now, limit, now.plus(LEASE));
        for (OutboxEntry e : due) {
            try {
                attempt(e, 1);
            } catch (RuntimeException ex) {
                // one broken entry must not stop the others; it stays leased and comes back later
                log.warn("event=outbox_attempt_crashed outbox_id={} error={}", e.id(), ex.toString());
            }
        }
        return due.size();
    }

    private OutboxEntry attempt(OutboxEntry entry, int tries) {
        try (ConversationLog.Scope ignored = ConversationLog.scope(entry.message().conversationId())) {
            return attemptLogged(entry, tries);
        }
    }

    private OutboxEntry attemptLogged(OutboxEntry entry, int tries) {
        OutputChannel out = channels.get(entry.channel());
        if (out == null) {
            OutboxEntry failed = entry.finished(OutboxStatus.FAILED, entry.attempts(), "", "channel not enabled");
            outbox.update(failed);
            return failed;
        }
        int attempts = entry.attempts();
        String lastError = entry.lastError();
        for (int i = 0; i < tries && attempts < policy.maxAttempts(); i++) {
            if (i > 0) {
                try {
                    sleeper.sleep(policy.delayBefore(attempts + 1, ThreadLocalRandom.current()::nextDouble));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            attempts++;
            try {
                SendResult result = out.send(entry.message());
                OutboxEntry done = entry.finished(result.suppressed() ? OutboxStatus.SUPPRESSED : OutboxStatus.SENT,
                        attempts, result.providerMessageId(), result.note());
                outbox.update(done);
                log.info("event=outbox_sent outbox_id={} channel={} attempts={} status={}",
                        entry.id(), entry.channel().wireName(), attempts, done.status());
                return done;
            } catch (DeliveryException e) {
                lastError = e.getMessage();
                log.warn("event=outbox_attempt_failed outbox_id={} channel={} attempt={} retryable={} error={}",
                        entry.id(), entry.channel().wireName(), attempts, e.isRetryable(), e.getMessage());
                if (!e.isRetryable()) {
                    OutboxEntry failed = entry.finished(OutboxStatus.FAILED, attempts, "", lastError);
                    outbox.update(failed);
                    return failed;
                }
            }
        }
        if (attempts >= policy.maxAttempts()) {
            OutboxEntry failed = entry.finished(OutboxStatus.FAILED, attempts, "", "gave up: " + lastError);
            outbox.update(failed);
            log.error("event=outbox_gave_up outbox_id={} channel={} attempts={}", entry.id(),
                    entry.channel().wireName(), attempts);
            return failed;
        }
        Instant next = clock.instant().plus(policy.delayBefore(attempts + 1, ThreadLocalRandom.current()::nextDouble));
        OutboxEntry later = entry.attempted(attempts, next, lastError);
        outbox.update(later);
        return later;
    }
}
