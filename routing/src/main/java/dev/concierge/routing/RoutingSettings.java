package dev.concierge.routing;

import dev.concierge.routing.sla.BusinessCalendar;
import dev.concierge.routing.sla.SlaSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Routing's part of the configuration, validated at start-up.
 *
 * @param offerTimeout             how long an agent has to accept an offer before it goes to the next (30 s)
 * @param ownerFallback            how long a returning customer waits for their first-contact owner (2 min)
 * @param transferFallback         how long a transfer waits for the named agent before anyone may take it (2 min)
 * @param requeueAssignedOnOffline an agent going offline also hands back their assigned conversations
 * @param averageHandlingTime      used for the expected wait told to the customer (5 min)
 */
public record RoutingSettings(Duration offerTimeout, Duration ownerFallback, Duration transferFallback,
        boolean requeueAssignedOnOffline, Duration averageHandlingTime, PriorityWeights priority, SlaSettings sla,
        BusinessCalendar calendar) {

    public RoutingSettings {
        positive(offerTimeout, "offerTimeout");
        positive(ownerFallback, "ownerFallback");
        positive(transferFallback, "transferFallback");
        positive(averageHandlingTime, "averageHandlingTime");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(calendar, "calendar");
    }

    /** The standards' defaults; business hours Monday-Friday 09:00-18:00 Asia/Shanghai. */
    public static RoutingSettings defaults() {
        return new RoutingSettings(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(2), false,
                Duration.ofMinutes(5), PriorityWeights.defaults(), SlaSettings.defaults(),
                BusinessCalendar.weekdays(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(18, 0)));
    }

    /**
     * How long an agent who declined a conversation, or let its offer lapse, is not offered it again: twice the
     * offer timeout (1 min by default). Without it, an agent alone on shift got the offer back the moment they
     * declined it.
     */
    public Duration declineRest() {
        return offerTimeout.multipliedBy(2);
    }

    public RoutingSettings withOfferTimeout(Duration timeout) {
        return new RoutingSettings(timeout, ownerFallback, transferFallback, requeueAssignedOnOffline,
                averageHandlingTime, priority, sla, calendar);
    }

    public RoutingSettings withRequeueAssignedOnOffline(boolean requeue) {
        return new RoutingSettings(offerTimeout, ownerFallback, transferFallback, requeue, averageHandlingTime,
                priority, sla, calendar);
    }

    public RoutingSettings withCalendar(BusinessCalendar businessCalendar) {
        return new RoutingSettings(offerTimeout, ownerFallback, transferFallback, requeueAssignedOnOffline,
                averageHandlingTime, priority, sla, businessCalendar);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }
}
