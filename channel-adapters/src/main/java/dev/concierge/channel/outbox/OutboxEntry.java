package dev.concierge.channel.outbox;

import dev.concierge.channel.OutboundMessage;
import dev.concierge.core.Ids;
import dev.concierge.core.channel.Channel;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One reply waiting to be (or already) sent: persisted before the first attempt, so a crash loses nothing.
 *
 * @param nextAttemptAt when a drainer may next try it (also the lease of whoever is trying it now)
 * @param providerMessageId set once sent
 */
public record OutboxEntry(String id, Channel channel, OutboundMessage message, OutboxStatus status, int attempts,
        Instant nextAttemptAt, String providerMessageId, String lastError, Instant createdAt) {

    public OutboxEntry {
        Ids.requireSafe(id, "outbox id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
        providerMessageId = providerMessageId == null ? "" : providerMessageId;
        lastError = lastError == null ? "" : lastError;
        if (lastError.length() > 500) {
            lastError = lastError.substring(0, 500);
        }
    }

    public static OutboxEntry pending(Channel channel, OutboundMessage message, Instant now, Instant leaseUntil) {
        return new OutboxEntry("ob-" + UUID.randomUUID(), channel, message, OutboxStatus.PENDING, 0, leaseUntil, "",
                "", now);
    }

    public OutboxEntry attempted(int totalAttempts, Instant next, String error) {
        return new OutboxEntry(id, channel, message, OutboxStatus.PENDING, totalAttempts, next, providerMessageId,
                error, createdAt);
    }

    public OutboxEntry finished(OutboxStatus finalStatus, int totalAttempts, String providerId, String error) {
        return new OutboxEntry(id, channel, message, finalStatus, totalAttempts, nextAttemptAt, providerId, error,
                createdAt);
    }

    public OutboxEntry leasedUntil(Instant until) {
        return new OutboxEntry(id, channel, message, status, attempts, until, providerMessageId, lastError,
                createdAt);
    }
}
