package dev.concierge.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How much queue time each urgency factor is worth. A conversation's rank is its enqueue time minus its boosts,
 * so urgent cases go first but a plain conversation that has waited longer than the boost still overtakes a newer
 * urgent one: aging, nothing starves.
 */
public record PriorityWeights(Duration accountSecurity, Duration seriousComplaint, Duration generalComplaint,
        Duration vip, Duration negativeSentiment, Duration perPriorityLevel) {

    public PriorityWeights {
        for (Duration d : new Duration[] {accountSecurity, seriousComplaint, generalComplaint, vip, negativeSentiment,
                perPriorityLevel}) {
            Objects.requireNonNull(d, "priority weight");
            if (d.isNegative()) {
                throw new IllegalArgumentException("priority weights must be >= 0");
            }
        }
    }

    public static PriorityWeights defaults() {
        return new PriorityWeights(Duration.ofHours(2), Duration.ofHours(2), Duration.ofMinutes(20),
                Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    /** The head start of this ticket, in milliseconds. Negative sentiment scales up to the full weight at -1. */
    public long boostMillis(HandoffTicket ticket) {
        long boost = 0;
        if (ticket.concernsAccountSecurity()) {
            boost += accountSecurity.toMillis();
        }
        boost += switch (ticket.complaint()) {
            case NONE -> 0L;
            case GENERAL -> generalComplaint.toMillis();
            case SERIOUS, MAJOR -> seriousComplaint.toMillis();
        };
        if (ticket.vip()) {
            boost += vip.toMillis();
        }
        if (ticket.sentiment() < 0) {
            boost += (long) (-ticket.sentiment() * negativeSentiment.toMillis());
        }
        boost += Math.min(ticket.priority(), 100) * perPriorityLevel.toMillis();
        return boost;
    }
}
