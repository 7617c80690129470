package dev.concierge.server.http;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.admin.ImportMode;
import dev.concierge.kb.admin.KnowledgeBaseAdmin;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.server.conversation.KeyedExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/admin/kb/...}: operators edit the FAQ knowledge base without a redeploy (supervisors), and
 * {@code /api/v1/kb/suggest} gives agents the bot's candidates for a question (agent assist).
 */
public final class KnowledgeBaseApi implements ApiModule {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    private static final String KB_LANE = "knowledge-base";
    static final int MAX_IMPORT_BYTES = 8 << 20;

    private final KnowledgeBaseAdmin admin;
    private final Authentication auth;
    private final KeyedExecutor executor;
    private final Json json;

    public KnowledgeBaseApi(KnowledgeBaseAdmin admin, Authentication auth, KeyedExecutor executor, Json json) {
        this.admin = admin;
        this.auth = auth;
        this.executor = executor;
        this.json = json;
    }

    @Override
    public void mount(Router router) {
        // The body must be read before any asynchronous handler (authentication) runs, or it is lost.
        // a route of its own: a body handler must come first on its route
        router.post("/api/v1/admin/kb/import").handler(ctx -> {
            ctx.put(HttpApi.BODY_LIMIT, MAX_IMPORT_BYTES);
            ctx.next();
        });
        router.post("/api/v1/admin/kb/import").handler(BodyHandler.create(false).setBodyLimit(MAX_IMPORT_BYTES));
        router.route("/api/v1/admin/kb/*").handler(auth.supervisors());
        router.get("/api/v1/admin/kb/entries").handler(this::list);
        router.post("/api/v1/admin/kb/entries").handler(this::create);
        router.get("/api/v1/admin/kb/entries/:id").handler(this::get);
        router.put("/api/v1/admin/kb/entries/:id").handler(this::update);
        router.delete("/api/v1/admin/kb/entries/:id").handler(this::delete);
        router.post("/api/v1/admin/kb/import").handler(this::importFile);
        router.get("/api/v1/admin/kb/export").handler(this::export);
        router.get("/api/v1/admin/kb/preview").handler(this::preview);
        router.get("/api/v1/kb/suggest").handler(auth.anyAgent()).handler(this::preview);
    }

    private void list(RoutingContext ctx) {
        String category = ctx.queryParams().get("category");
        String scenario = ctx.queryParams().get("scenario");
        String contains = ctx.queryParams().get("q");
        Scenario parsed = scenario == null ? null : parseScenario(scenario);
        run(ctx, () -> "{\"entries\":[" + String.join(",", admin.list(category, parsed, contains).stream()
                .map(admin::toJson).toList()) + "]}", 200, "application/json");
    }

    private void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        run(ctx, () -> admin.toJson(admin.get(id)), 200, "application/json");
    }

    private void create(RoutingContext ctx) {
        String body = body(ctx);
        run(ctx, () -> {
            var created = admin.createFromJson(body);
            AUDIT.info("reader={} action=kb_create entry={}", Authentication.principal(ctx).accountId(), created.id());
            return admin.toJson(created);
        }, 201, "application/json");
    }

    private void update(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String body = body(ctx);
        run(ctx, () -> {
            String out = admin.toJson(admin.updateFromJson(id, body));
            AUDIT.info("reader={} action=kb_update entry={}", Authentication.principal(ctx).accountId(), id);
            return out;
        }, 200, "application/json");
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        run(ctx, () -> {
            admin.delete(id);
            AUDIT.info("reader={} action=kb_delete entry={}", Authentication.principal(ctx).accountId(), id);
            return "";
        }, 204, null);
    }

    private void importFile(RoutingContext ctx) {
        // the format asked for, else the body's Content-Type: the CSV export posted back as text/csv was refused as
        // malformed JSON
        String contentType = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        String format = ctx.queryParams().get("format") != null ? ctx.queryParams().get("format")
                : contentType.startsWith("text/csv") ? "csv" : "json";
        String modeParam = ctx.queryParams().get("mode") == null ? "merge" : ctx.queryParams().get("mode");
        ImportMode mode = switch (modeParam.toLowerCase(Locale.ROOT)) {
            case "merge" -> ImportMode.MERGE;
            case "replace", "replace_all" -> ImportMode.REPLACE_ALL;
            default -> throw new BadRequestException("invalid_field", "mode must be merge or replace");
        };
        String body = body(ctx);
        run(ctx, () -> {
            var report = switch (format) {
                case "json" -> admin.importJson(body, mode);
                case "csv" -> admin.importCsv(body, mode);
                default -> throw new BadRequestException("invalid_field", "format must be json or csv");
            };
            AUDIT.info("reader={} action=kb_import mode={} created={} updated={} deleted={}",
                    Authentication.principal(ctx).accountId(), mode, report.created(), report.updated(),
                    report.deleted());
            return "{\"mode\":\"" + report.mode().name().toLowerCase(Locale.ROOT) + "\",\"created\":" + report.created()
                    + ",\"updated\":" + report.updated() + ",\"deleted\":" + report.deleted() + ",\"total\":"
                    + report.total() + "}";
        }, 200, "application/json");
    }

    private void export(RoutingContext ctx) {
        String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format");
        switch (format) {
            case "json" -> run(ctx, admin::exportJson, 200, "application/json");
            case "csv" -> run(ctx, admin::exportCsv, 200, "text/csv; charset=utf-8");
            default -> throw new BadRequestException("invalid_field", "format must be json or csv");
        }
    }

    private void preview(RoutingContext ctx) {
        String text = ctx.queryParams().get("q");
        String locale = ctx.queryParams().get("locale");
        String channelParam = ctx.queryParams().get("channel");
        if (text == null || text.isBlank()) {
            throw new BadRequestException("missing_field", "query parameter 'q' is required");
        }
        if (text.length() > 1000) {
            throw new BadRequestException("field_too_long", "'q' is limited to 1000 characters");
        }
        if (locale != null && !locale.equals("zh") && !locale.equals("en")) {
            throw new BadRequestException("invalid_field", "locale must be zh or en");
        }
        Channel channel;
        try {
            channel = channelParam == null ? Channel.WEB_CHAT : Channel.fromWireName(channelParam);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_field", e.getMessage());
        }
        run(ctx, () -> json.write(admin.preview(text, locale, channel, 5)), 200, "application/json");
    }

    private static Scenario parseScenario(String text) {
        try {
            return Scenario.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_field", "scenario must be pre_sale, in_sale or after_sale");
        }
    }

    private static String body(RoutingContext ctx) {
        String text = Bodies.utf8(ctx);
        if (text == null || text.isBlank()) {
            throw new BadRequestException("invalid_json", "a request body is required");
        }
        return text;
    }

    private void run(RoutingContext ctx, Supplier<String> work, int status, String contentType) {
        Lanes.run(executor, ctx, KB_LANE, work, body -> {
            var response = ctx.response().setStatusCode(status);
            if (contentType != null) {
                response.putHeader("Content-Type", contentType.contains("charset") ? contentType
                        : contentType + "; charset=utf-8");
            }
            response.end(body);
        });
    }
}
