package dev.concierge.server.audit;

import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/audit?actor=&action=&conversation=&allowed=&limit=} for supervisors, newest first. */
public final class AuditApi implements ApiModule {
    private final AuditLog log;
    private final Authentication auth;
    private final Json json;

    public AuditApi(AuditLog log, Authentication auth, Json json) {
        this.log = log;
        this.auth = auth;
        this.json = json;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/audit").handler(auth.supervisors()).handler(this::query);
    }

    private void query(RoutingContext ctx) {
        var params = ctx.queryParams();
        int limit = 100;
        if (params.get("limit") != null) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                throw new BadRequestException("invalid_field", "limit must be a number");
            }
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("invalid_field", "limit must be 1..1000");
        }
        String allowed = params.get("allowed");
        if (allowed != null && !allowed.equals("true") && !allowed.equals("false")) {
            throw new BadRequestException("invalid_field", "allowed must be true or false");
        }
        AuditQuery query = new AuditQuery(params.get("actor"), params.get("action"), params.get("conversation"),
                allowed == null ? null : Boolean.valueOf(allowed), limit);
        var events = log.query(query).stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("at", e.at().toString());
            out.put("actor", e.actor());
            out.put("action", e.action());
            out.put("conversationId", e.conversationId());
            out.put("allowed", e.allowed());
            out.put("details", e.details());
            return out;
        }).toList();
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json.write(Map.of("events", events)));
    }
}
