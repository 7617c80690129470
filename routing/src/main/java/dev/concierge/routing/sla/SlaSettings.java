package dev.concierge.routing.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * Service-level targets (defaults from the customer-service standards).
 *
 * @param chatFirstResponse           business time to a human's first answer in chat (15 min)
 * @param initialReply                wall-clock time to a first reply on any channel, complaints included (24 h)
 * @param generalComplaintWorkingDays resolution deadline of a general complaint (7 working days)
 * @param seriousComplaint            resolution deadline of a serious complaint (48 h, wall clock)
 * @param majorComplaintWorkingDays   resolution deadline of a major complaint (2 working days)
 * @param ticketDueWorkingDays        due date of a ticket that is not a complaint (2 working days)
 */
public record SlaSettings(Duration chatFirstResponse, Duration initialReply, int generalComplaintWorkingDays,
        Duration seriousComplaint, int majorComplaintWorkingDays, int ticketDueWorkingDays) {

    public SlaSettings {
        positive(chatFirstResponse, "chatFirstResponse");
        positive(initialReply, "initialReply");
        positive(seriousComplaint, "seriousComplaint");
        if (generalComplaintWorkingDays < 1 || majorComplaintWorkingDays < 1 || ticketDueWorkingDays < 1) {
            throw new IllegalArgumentException("working-day deadlines must be >= 1");
        }
    }

    public static SlaSettings defaults() {
        return new SlaSettings(Duration.ofMinutes(15), Duration.ofHours(24), 7, Duration.ofHours(48), 2, 2);
    }

    static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }
}
