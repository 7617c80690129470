package dev.concierge.core.message;

import java.time.Instant;
import java.util.List;

/**
 * Customer messages a channel has acknowledged (SMS, e-mail: the provider got its 2xx and will not send them again)
 * that the bot has not answered yet. The answer is produced after the acknowledgement; if the node dies in between,
 * no client will ask again, so any node claims what is overdue and answers it (storing and answering are idempotent
 * by message id). Thread-safe; shared by the nodes (in memory for one node, in Redis for several).
 */
public interface PendingAnswers {

    /** Remembers a message to answer, as an opaque {@code payload}, overdue from {@code due}. */
    void add(MessageId message, String payload, Instant due);

    /** The message was answered (or will never need to be). */
    void remove(MessageId message);

    /**
     * Claims up to {@code limit} overdue messages: each is not claimed again before {@code leaseUntil}, so two nodes
     * never answer the same one at the same time.
     *
     * @return their payloads
     */
    List<String> claimDue(Instant now, int limit, Instant leaseUntil);
}
