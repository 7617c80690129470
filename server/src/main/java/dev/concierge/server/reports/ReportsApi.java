package dev.concierge.server.reports;

import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import dev.concierge.server.http.Lanes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Supervisors' reports: {@code GET /api/v1/reports/summary?from=&to=}, {@code /timeseries?hours=&bucketMinutes=}
 * and {@code /live}. Times are ISO-8601 instants; the default window is the last 24 hours.
 */
public final class ReportsApi implements ApiModule {
    private static final String LANE = "reports";
    private final ReportCalculator calculator;
    private final LiveBoard live;
    private final CsatStore csat;
    private final Authentication auth;
    private final KeyedExecutor executor;
    private final Json json;
    private final Clock clock;

    public ReportsApi(ReportCalculator calculator, LiveBoard live, CsatStore csat, Authentication auth, KeyedExecutor executor,
            Json json, Clock clock) {
        this.calculator = calculator;
        this.live = live;
        this.csat = csat;
        this.auth = auth;
        this.executor = executor;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        router.route("/api/v1/reports/*").handler(auth.supervisors());
        router.get("/api/v1/reports/summary").handler(this::summary);
        router.get("/api/v1/reports/timeseries").handler(this::timeseries);
        router.get("/api/v1/reports/live").handler(this::live);
        router.get("/api/v1/csat/mine").handler(auth.anyAgent()).handler(this::myRatings);
    }

    private void summary(RoutingContext ctx) {
        Instant to = instant(ctx, "to", clock.instant().plusSeconds(1));
        Instant from = instant(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("invalid_field", "from must be before to");
        }
        run(ctx, () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", from.toString());
            out.put("to", to.toString());
            Map<String, Object> channels = new LinkedHashMap<>();
            calculator.summary(from, to).forEach((ch, f) -> channels.put(ch, f.toWire()));
            out.put("channels", channels);
            return out;
        });
    }

    private void timeseries(RoutingContext ctx) {
        int hours = integer(ctx, "hours", 24, 1, 24 * 31);
        int bucketMinutes = integer(ctx, "bucketMinutes", 60, 1, 24 * 60);
        if ((long) hours * 60 / bucketMinutes > 2000) {
            throw new BadRequestException("invalid_field", "at most 2000 buckets");
        }
        Duration step = Duration.ofMinutes(bucketMinutes);
        Instant now = clock.instant();
        long stepMillis = step.toMillis();
        Instant end = Instant.ofEpochMilli((now.toEpochMilli() / stepMillis + 1) * stepMillis);
        Instant from = end.minus(Duration.ofHours(hours));
        run(ctx, () -> {
            List<Map<String, Object>> buckets = calculator.series(from, end, step).entrySet().stream().map(e -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("start", e.getKey().toString());
                Map<String, Object> channels = new LinkedHashMap<>();
                e.getValue().forEach((ch, f) -> channels.put(ch, f.toWire()));
                b.put("channels", channels);
                return b;
            }).toList();
            return Map.of("bucketMinutes", bucketMinutes, "buckets", buckets);
        });
    }

    private void live(RoutingContext ctx) {
        run(ctx, live::snapshot);
    }

    /**
     * CSAT answers for conversations the calling agent owns (first contact) or closed, newest first, so the desk can
     * show each result when it comes back.
     */
    private void myRatings(RoutingContext ctx) {
        String me = Authentication.principal(ctx).accountId();
        run(ctx, () -> Map.of("ratings", csat.recent(500).stream()
                .filter(r -> (r.agent() != null && r.agent().value().equals(me)) || calculator.closedBy(r.conversationId())
                        .filter(me::equals).isPresent())
                .limit(50)
                .map(r -> Map.of("conversationId", r.conversationId().value(), "score", r.score(),
                        "channel", r.channel().wireName(), "at", r.at().toString()))
                .toList()));
    }

    private void run(RoutingContext ctx, Supplier<Object> work) {
        Lanes.run(executor, ctx, LANE, work, result -> ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8").end(json.write(result)));
    }

    private static Instant instant(RoutingContext ctx, String name, Instant fallback) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("invalid_field", name + " must be an ISO-8601 instant");
        }
    }

    private static int integer(RoutingContext ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParams().get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new BadRequestException("invalid_field", name + " must be " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid_field", name + " must be a number");
        }
    }
}
