package dev.concierge.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.sla.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private ConciergeConfig load(Map<String, String> overrides) {
        return loader.load(null, Map.of(), overrides);
    }

    @Test
    void bundledDefaultsAreRoutingsOwnDefaults() {
        RoutingConfig routing = load(Map.of()).routing();

        assertThat(routing.settings()).isEqualTo(RoutingSettings.defaults());
        assertThat(routing.capacityOtherThanChat())
                .containsEntry(Channel.EMAIL, 10).containsEntry(Channel.SMS, 5).containsEntry(Channel.REST, 3)
                .doesNotContainKey(Channel.WEB_CHAT);
    }

    @Test
    void overriddenKeysReachTheSettings() {
        RoutingSettings settings = load(Map.of(
                "routing.offerTimeoutSeconds", "45",
                "routing.requeueAssignedOnOffline", "true",
                "routing.sla.chatFirstResponseMinutes", "10",
                "routing.sla.seriousComplaintHours", "24",
                "routing.businessHours.zone", "UTC",
                "routing.businessHours.opens", "08:30",
                "routing.businessHours.closes", "20:00")).routing().settings();

        assertThat(settings.offerTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.requeueAssignedOnOffline()).isTrue();
        assertThat(settings.sla().chatFirstResponse()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.sla().seriousComplaint()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.calendar()).isEqualTo(
                BusinessCalendar.weekdays(ZoneId.of("UTC"), LocalTime.of(8, 30), LocalTime.of(20, 0)));
        // untouched keys keep their defaults
        assertThat(settings.ownerFallback()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.sla().initialReply()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void holidaysAndDaysMakeTheCalendar() {
        RoutingConfig.BusinessHours hours = new RoutingConfig.BusinessHours("Asia/Shanghai", "09:00", "18:00",
                List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), List.of("2026-11-28"));
        BusinessCalendar calendar = hours.calendar();

        assertThat(calendar.holidays()).containsExactly(LocalDate.of(2026, 11, 28));
        assertThat(calendar.weeklyHours()).containsOnlyKeys(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        // Saturday 2026-11-28 is a holiday: the next opening is Sunday 09:00 Shanghai
        assertThat(calendar.nextOpen(Instant.parse("2026-11-27T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));
    }

    @Test
    void unknownRoutingKeysAreRejected() {
        assertThatThrownBy(() -> load(Map.of("routing.offerTimeout", "30")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("offerTimeout");
        assertThatThrownBy(() -> load(Map.of("routing.sla.firstResponseMinutes", "30")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("firstResponseMinutes");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> load(Map.of("routing.offerTimeoutSeconds", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routing.offerTimeoutSeconds");
        assertThatThrownBy(() -> load(Map.of("routing.businessHours.zone", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routing.businessHours.zone");
        assertThatThrownBy(() -> load(Map.of("routing.businessHours.opens", "19:00")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("before closes");
        assertThatThrownBy(() -> new RoutingConfig.BusinessHours("UTC", "09:00", "18:00", List.of(DayOfWeek.MONDAY),
                List.of("next friday"))).hasMessageContaining("routing.businessHours.holidays");
    }
}
