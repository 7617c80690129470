package dev.concierge.bot.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The logistics of a shipped order.
 *
 * @param estimatedDelivery null when the carrier gives none
 * @param events            newest first
 */
public record Tracking(String orderId, String carrier, String trackingNumber, String status,
        LocalDate estimatedDelivery, List<Event> events) {

    public Tracking {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        carrier = carrier == null ? "" : carrier;
        trackingNumber = trackingNumber == null ? "" : trackingNumber;
        events = List.copyOf(events);
    }

    /** One scan of the parcel. */
    public record Event(Instant at, String location, String description) {
        public Event {
            Objects.requireNonNull(at, "at");
            location = location == null ? "" : location;
            description = description == null ? "" : description;
        }
    }
}
