package dev.concierge.server.config;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.PriorityWeights;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.sla.BusinessCalendar;
import dev.concierge.routing.sla.SlaSettings;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code routing} section: offers, service levels, business hours and the per-agent capacity of the channels
 * other than chat (chat capacity is per account). Validated here; {@link #settings()} gives routing its typed
 * settings (priority weights stay at their defaults).
 */
public record RoutingConfig(int offerTimeoutSeconds, int ownerFallbackSeconds, int transferFallbackSeconds,
        boolean requeueAssignedOnOffline, int averageHandlingTimeSeconds, int emailCapacity, int smsCapacity,
        int restCapacity, Sla sla, BusinessHours businessHours) {

    public RoutingConfig {
        range(offerTimeoutSeconds, 5, 3_600, "routing.offerTimeoutSeconds");
        range(ownerFallbackSeconds, 1, 86_400, "routing.ownerFallbackSeconds");
        range(transferFallbackSeconds, 1, 86_400, "routing.transferFallbackSeconds");
        range(averageHandlingTimeSeconds, 1, 86_400, "routing.averageHandlingTimeSeconds");
        range(emailCapacity, 0, 1_000, "routing.emailCapacity");
        range(smsCapacity, 0, 1_000, "routing.smsCapacity");
        range(restCapacity, 0, 1_000, "routing.restCapacity");
        Objects.requireNonNull(sla, "routing.sla is required");
        Objects.requireNonNull(businessHours, "routing.businessHours is required");
    }

    /** Service levels; defaults from the customer-service standards. */
    public record Sla(int chatFirstResponseMinutes, int initialReplyHours, int generalComplaintWorkingDays,
            int seriousComplaintHours, int majorComplaintWorkingDays, int ticketDueWorkingDays) {
        public Sla {
            range(chatFirstResponseMinutes, 1, 7 * 24 * 60, "routing.sla.chatFirstResponseMinutes");
            range(initialReplyHours, 1, 30 * 24, "routing.sla.initialReplyHours");
            range(generalComplaintWorkingDays, 1, 60, "routing.sla.generalComplaintWorkingDays");
            range(seriousComplaintHours, 1, 30 * 24, "routing.sla.seriousComplaintHours");
            range(majorComplaintWorkingDays, 1, 60, "routing.sla.majorComplaintWorkingDays");
            range(ticketDueWorkingDays, 1, 60, "routing.sla.ticketDueWorkingDays");
        }
    }

    /**
     * Opening hours, the same on each listed day, in one time zone; holidays are closed all day.
     *
     * @param opens    {@code HH:mm}
     * @param closes   {@code HH:mm}, after {@code opens}
     * @param days     e.g. {@code [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]}
     * @param holidays ISO dates, e.g. {@code 2026-10-01}
     */
    public record BusinessHours(String zone, String opens, String closes, List<DayOfWeek> days,
            List<String> holidays) {
        public BusinessHours {
            days = days == null ? List.of() : List.copyOf(days);
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("routing.businessHours.days must name at least one day");
            }
            calendar(zone, opens, closes, days, holidays); // validates zone and times
        }

        BusinessCalendar calendar() {
            return calendar(zone, opens, closes, days, holidays);
        }

        private static BusinessCalendar calendar(String zone, String opens, String closes, List<DayOfWeek> days,
                List<String> holidays) {
            ZoneId zoneId;
            LocalTime from;
            LocalTime to;
            try {
                zoneId = ZoneId.of(Objects.requireNonNull(zone, "zone"));
            } catch (DateTimeException | NullPointerException e) {
                // no cause: the loader reports the root cause's message, and this one names the key
                throw new IllegalArgumentException("routing.businessHours.zone must be a time zone such as "
                        + "Asia/Shanghai, got " + zone);
            }
            try {
                from = LocalTime.parse(Objects.requireNonNull(opens, "opens"));
                to = LocalTime.parse(Objects.requireNonNull(closes, "closes"));
            } catch (DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException("routing.businessHours.opens and closes must be HH:mm, got "
                        + opens + " and " + closes);
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("routing.businessHours.opens must be before closes");
            }
            Map<DayOfWeek, BusinessCalendar.OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : days) {
                hours.put(day, new BusinessCalendar.OpeningHours(from, to));
            }
            Set<LocalDate> closed = new HashSet<>();
            for (String holiday : holidays) {
                try {
                    closed.add(LocalDate.parse(Objects.requireNonNull(holiday, "holiday")));
                } catch (DateTimeException | NullPointerException e) {
                    throw new IllegalArgumentException("routing.businessHours.holidays must be ISO dates such as "
                            + "2026-10-01, got " + holiday);
                }
            }
            return new BusinessCalendar(zoneId, hours, closed);
        }
    }

    /** Routing's typed settings. */
    public RoutingSettings settings() {
        return new RoutingSettings(Duration.ofSeconds(offerTimeoutSeconds), Duration.ofSeconds(ownerFallbackSeconds),
                Duration.ofSeconds(transferFallbackSeconds), requeueAssignedOnOffline,
                Duration.ofSeconds(averageHandlingTimeSeconds), PriorityWeights.defaults(),
                new SlaSettings(Duration.ofMinutes(sla.chatFirstResponseMinutes()),
                        Duration.ofHours(sla.initialReplyHours()), sla.generalComplaintWorkingDays(),
                        Duration.ofHours(sla.seriousComplaintHours()), sla.majorComplaintWorkingDays(),
                        sla.ticketDueWorkingDays()),
                businessHours.calendar());
    }

    /** An agent's capacity on the channels other than chat. */
    public Map<Channel, Integer> capacityOtherThanChat() {
        Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
        capacity.put(Channel.EMAIL, emailCapacity);
        capacity.put(Channel.SMS, smsCapacity);
        capacity.put(Channel.REST, restCapacity);
        return capacity;
    }

    private static void range(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + "-" + max + ", got " + value);
        }
    }
}
