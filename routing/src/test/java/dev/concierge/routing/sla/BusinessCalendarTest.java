package dev.concierge.routing.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.ComplaintSeverity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final BusinessCalendar calendar = BusinessCalendar.weekdays(SHANGHAI, LocalTime.of(9, 0),
            LocalTime.of(18, 0));
    private final SlaPolicy policy = new SlaPolicy(SlaSettings.defaults(), calendar);

    private static Instant shanghai(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void opensOnWeekdaysOnlyInItsOwnTimeZone() {
        assertThat(calendar.isOpen(shanghai("2026-11-23T09:00"))).isTrue(); // Monday
        assertThat(calendar.isOpen(shanghai("2026-11-23T18:00"))).isFalse();
        assertThat(calendar.isOpen(shanghai("2026-11-28T10:00"))).isFalse(); // Saturday
        assertThat(calendar.nextOpen(shanghai("2026-11-27T18:30"))).isEqualTo(shanghai("2026-11-30T09:00"));
    }

    @Test
    void businessTimeSkipsNightsWeekendsAndHolidays() {
        BusinessCalendar withHoliday = calendar.withHolidays(Set.of(LocalDate.parse("2026-11-30")));
        assertThat(calendar.plusBusinessTime(shanghai("2026-11-27T17:50"), Duration.ofMinutes(15)))
                .isEqualTo(shanghai("2026-11-30T09:05"));
        assertThat(withHoliday.plusBusinessTime(shanghai("2026-11-27T17:50"), Duration.ofMinutes(15)))
                .isEqualTo(shanghai("2026-12-01T09:05"));
        assertThat(calendar.plusBusinessTime(shanghai("2026-11-23T10:00"), Duration.ofHours(9)))
                .isEqualTo(shanghai("2026-11-24T10:00"));
    }

    @Test
    void offHoursAcknowledgementPromisesNextOpeningPlusChatTarget() {
        assertThat(policy.promisedReplyTime(Channel.WEB_CHAT, shanghai("2026-11-28T22:00")))
                .contains(shanghai("2026-11-30T09:15"));
        assertThat(policy.promisedReplyTime(Channel.SMS, shanghai("2026-11-24T07:30")))
                .contains(shanghai("2026-11-24T09:00"));
        assertThat(policy.promisedReplyTime(Channel.EMAIL, shanghai("2026-11-24T11:00"))).isEmpty();
    }

    @Test
    void complaintDeadlinesAcrossAWeekend() {
        Instant friday = shanghai("2026-11-27T16:00");
        assertThat(policy.resolutionDeadline(ComplaintSeverity.MAJOR, friday))
                .contains(shanghai("2026-12-01T18:00"));
        assertThat(policy.resolutionDeadline(ComplaintSeverity.SERIOUS, friday))
                .contains(shanghai("2026-11-29T16:00"));
        assertThat(policy.resolutionDeadline(ComplaintSeverity.GENERAL, friday))
                .contains(shanghai("2026-12-08T18:00"));
        assertThat(policy.resolutionDeadline(ComplaintSeverity.NONE, friday)).isEmpty();
        BusinessCalendar withHoliday = calendar.withHolidays(Set.of(LocalDate.parse("2026-11-30")));
        assertThat(new SlaPolicy(SlaSettings.defaults(), withHoliday)
                .resolutionDeadline(ComplaintSeverity.MAJOR, friday)).contains(shanghai("2026-12-02T18:00"));
    }

    @Test
    void chatGetsAFirstResponseTimerAndEveryChannelAnInitialReplyTimer() {
        Instant monday = shanghai("2026-11-23T17:55");
        var chat = new dev.concierge.routing.HandoffTicket(new dev.concierge.core.conversation.ConversationId("c1"),
                new dev.concierge.core.customer.CustomerId("u1"), Channel.WEB_CHAT, "zh", Set.of(), 0, "", monday);
        assertThat(policy.timersFor(chat, monday)).extracting(SlaTimer::kind, SlaTimer::dueAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SlaKind.CHAT_FIRST_RESPONSE, shanghai("2026-11-24T09:10")),
                org.assertj.core.groups.Tuple.tuple(SlaKind.INITIAL_REPLY, monday.plus(Duration.ofHours(24))));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new BusinessCalendar.OpeningHours(LocalTime.NOON, LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaSettings(Duration.ZERO, Duration.ofHours(1), 1, Duration.ofHours(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
