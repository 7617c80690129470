package dev.concierge.server.reports;

import dev.concierge.core.channel.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report figures of the last 24 hours as Prometheus gauges ({@code concierge_report_*{channel=...}}),
 * recomputed every {@code period} on a thread of its own so that a scrape never reads the store.
 */
public final class ReportMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportMetrics.class);
    private static final Map<String, Function<Figures, Double>> GAUGES = Map.of(
            "concierge_report_containment_ratio", Figures::containmentRate,
            "concierge_report_handoff_ratio", Figures::handoffRate,
            "concierge_report_first_contact_resolution_ratio", Figures::firstContactResolutionRate,
            "concierge_report_first_response_seconds", Figures::averageFirstResponseSeconds,
            "concierge_report_csat_average", Figures::averageCsat,
            "concierge_report_complaint_ratio", Figures::complaintRate,
            "concierge_report_conversations", f -> (double) f.conversations());

    private final ReportCalculator calculator;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private volatile Map<String, Figures> last = Map.of();

    public ReportMetrics(ReportCalculator calculator, MeterRegistry registry, Clock clock, Duration period) {
        this.calculator = calculator;
        this.clock = clock;
        List<String> channels = new java.util.ArrayList<>(List.of("all"));
        for (Channel c : Channel.values()) {
            channels.add(c.wireName());
        }
        GAUGES.forEach((name, figure) -> channels.forEach(channel -> Gauge.builder(name, this, m -> {
            Figures f = m.last.get(channel);
            Double v = f == null ? null : figure.apply(f);
            return v == null ? Double.NaN : v;
        }).tag("channel", channel).description("last 24 h, see docs/pages.md").register(registry)));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "report-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            Instant now = clock.instant();
            last = calculator.summary(now.minus(Duration.ofHours(24)), now.plusSeconds(1));
        } catch (RuntimeException e) {
            LOG.warn("report metrics refresh failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
