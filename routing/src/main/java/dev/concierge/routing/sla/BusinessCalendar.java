package dev.concierge.routing.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When humans work: a time zone, opening hours per weekday (a day missing from the map is closed) and holidays.
 * Answers "is it open now", "when does it open next", and adds business time or working days to an instant.
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, OpeningHours> weeklyHours, Set<LocalDate> holidays) {

    /** One day's opening hours, [opens, closes). */
    public record OpeningHours(LocalTime opens, LocalTime closes) {
        public OpeningHours {
            Objects.requireNonNull(opens, "opens");
            Objects.requireNonNull(closes, "closes");
            if (!opens.isBefore(closes)) {
                throw new IllegalArgumentException("opening hours must open before they close: " + opens + "-"
                        + closes);
            }
        }
    }

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        weeklyHours = Map.copyOf(weeklyHours);
        holidays = Set.copyOf(holidays);
        if (weeklyHours.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
    }

    /** Monday to Friday 09:00-18:00 in the given zone, no holidays. */
    public static BusinessCalendar weekdays(ZoneId zone, LocalTime opens, LocalTime closes) {
        Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                hours.put(day, new OpeningHours(opens, closes));
            }
        }
        return new BusinessCalendar(zone, hours, Set.of());
    }

    /** Open every day around the clock (a 24x7 team). */
    public static BusinessCalendar always(ZoneId zone) {
        Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, new OpeningHours(LocalTime.MIN, LocalTime.MAX));
        }
        return new BusinessCalendar(zone, hours, Set.of());
    }

    public BusinessCalendar withHolidays(Set<LocalDate> days) {
        return new BusinessCalendar(zone, weeklyHours, days);
    }

    public boolean isWorkingDay(LocalDate day) {
        return weeklyHours.containsKey(day.getDayOfWeek()) && !holidays.contains(day);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!isWorkingDay(day)) {
            return false;
        }
        OpeningHours hours = weeklyHours.get(day.getDayOfWeek());
        LocalTime time = local.toLocalTime();
        return !time.isBefore(hours.opens()) && time.isBefore(hours.closes());
    }

    /** {@code at} itself when open, otherwise the next opening. */
    public Instant nextOpen(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int i = 0; i < 400; i++) {
            if (isWorkingDay(day)) {
                ZonedDateTime opens = day.atTime(weeklyHours.get(day.getDayOfWeek()).opens()).atZone(zone);
                if (opens.toInstant().isAfter(at)) {
                    return opens.toInstant();
                }
            }
            day = day.plusDays(1);
        }
        throw new IllegalStateException("no opening within 400 days: check the holidays");
    }

    /** The instant when {@code amount} of open time has passed after {@code from}. */
    public Instant plusBusinessTime(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
        Instant cursor = nextOpen(from);
        Duration left = amount;
        for (int i = 0; i < 4000; i++) {
            ZonedDateTime local = cursor.atZone(zone);
            OpeningHours hours = weeklyHours.get(local.getDayOfWeek());
            Instant closes = closing(local.toLocalDate(), hours);
            Duration open = Duration.between(cursor, closes);
            if (left.compareTo(open) <= 0) {
                return cursor.plus(left);
            }
            left = left.minus(open);
            cursor = nextOpen(closes);
        }
        throw new IllegalStateException("business time too long to add: " + amount);
    }

    /**
     * The end of the {@code days}-th working day after {@code from}'s day: a complaint received on Friday with a
     * 2-working-day deadline is due at Tuesday's closing time (weekend skipped).
     */
    public Instant plusWorkingDays(Instant from, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be >= 1");
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return closing(day, weeklyHours.get(day.getDayOfWeek()));
    }

    private Instant closing(LocalDate day, OpeningHours hours) {
        if (hours.closes().equals(LocalTime.MAX)) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return day.atTime(hours.closes()).atZone(zone).toInstant();
    }
}
