package dev.concierge.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.bot.BotDecision;
import dev.concierge.core.Ids;
import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.core.conversation.IllegalTransitionException;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.message.MessageId;
import dev.concierge.kb.entry.DuplicateEntryException;
import dev.concierge.kb.entry.EntryNotFoundException;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.server.auth.AuthService;
import dev.concierge.server.auth.Principal;
import dev.concierge.server.config.ConciergeConfig.IntegrationSettings;
import dev.concierge.server.config.ConciergeConfig.LimitSettings;
import dev.concierge.server.conversation.AccessDeniedException;
import dev.concierge.server.conversation.AgentDesk;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.FirstContact;
import dev.concierge.server.conversation.Inbound;
import dev.concierge.server.conversation.InboundOutcome;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.conversation.WireMessages;
import dev.concierge.server.observability.Health;
import dev.concierge.server.observability.ServerMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every HTTP route in one place; handlers are methods of this class. JSON in, JSON out, errors as JSON. */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Set<String> LOCALES = Set.of("zh", "en");

    /** What the HTTP routes need. */
    public record Dependencies(ConversationService conversations, AgentDesk desk, CustomerStore customers,
            AuthService auth, KeyedExecutor executor, Health health) {
    }

    /**
     * Routing-context key: an endpoint with its own body limit (uploads, imports) puts it here before its body
     * handler, so that a 413 names the limit that applied.
     */
    public static final String BODY_LIMIT = "concierge.bodyLimit";

    private final Dependencies deps;
    private final IntegrationSettings integrations;
    private final int maxBodyBytes;
    private final Json json;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final RateLimiter perIp;
    private final RateLimiter logins;
    private final ClientAddress clients;

    public HttpApi(Dependencies deps, IntegrationSettings integrations, LimitSettings limits, int maxBodyBytes,
            Json json, ServerMetrics metrics, Clock clock) {
        this.deps = deps;
        this.integrations = integrations;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.perIp = new RateLimiter(limits.httpPerIpPerSecond(), limits.httpBurst(), clock);
        this.logins = new RateLimiter(limits.loginsPerIpPerMinute() / 60.0, limits.loginBurst(), clock);
        this.clients = new ClientAddress(limits.trustedProxies());
    }

    /** Writes JSON errors in the one format every endpoint uses. */
    public Authentication.ErrorWriter errorWriter() {
        return this::error;
    }

    /** All routes: this class's own, then each module's (knowledge base admin, channels, pages...). */
    public Router router(Vertx vertx, List<ApiModule> modules) {
        Router router = Router.router(vertx);
        router.route().handler(this::securityHeaders);
        router.route().handler(HttpApi::rawBodiesOnly);
        router.route().handler(this::utf8EscapesOnly);
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        // load balancers often probe with HEAD: the same status, no body
        router.head("/health/live").handler(this::live);
        router.head("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::metrics);
        router.route("/api/*").handler(ctx -> limit(ctx, perIp));
        router.route("/webhooks/*").handler(ctx -> limit(ctx, perIp));
        router.post("/api/v1/auth/login").handler(ctx -> limit(ctx, logins));
        // Bulk imports and image uploads bring their own, larger limits; every other API body is small.
        router.routeWithRegex("/api/(?!v1/admin/kb/import|v1/attachments).*")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.post("/api/v1/auth/login").handler(this::login);
        router.post("/api/v1/auth/logout").handler(this::logout);
        router.post("/api/v1/messages").handler(this::restMessage);
        router.post("/api/v1/bot/reply").handler(this::botReply);
        router.get("/api/v1/conversations/:id").handler(this::readConversation);
        modules.forEach(m -> m.mount(router));
        // the router tells an unknown path (404) from a known one asked with the wrong method (405)
        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "no such endpoint"));
        router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", "this endpoint does not take "
                + ctx.request().method().name()));
        // a request the router cannot even match, such as a path with a broken percent-escape ("/api/v1/x/%ZZ"):
        // a JSON 400, not Vert.x's plain-text one with an ERROR line and a stack trace in the log
        router.errorHandler(400, ctx -> error(ctx, 400, "invalid_request", "malformed request"));
        router.route().failureHandler(this::failure);
        return router;
    }

    private void limit(RoutingContext ctx, RateLimiter limiter) {
        long wait = limiter.acquire(clients.of(ctx.request().remoteAddress(), ctx.request().headers()));
        if (wait == 0) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        error(ctx, 429, "rate_limited", "too many requests; retry in " + wait + " s");
    }

    // --- health and metrics

    private void live(RoutingContext ctx) {
        sendJson(ctx, 200, Map.of("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        deps.health().check().onComplete(result -> {
            Health.Status status = result.succeeded() ? result.result() : Health.Status.down("check failed");
            sendJson(ctx, status.up() ? 200 : 503, status.toWire());
        });
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    // --- agent authentication

    private void login(RoutingContext ctx) {
        JsonNode body = body(ctx);
        String id = requiredText(body, "username", 64);
        String password = requiredText(body, "password", 256);
        blocking(ctx, () -> deps.auth().login(id, password.toCharArray()), login -> {
            if (login.isEmpty()) {
                error(ctx, 401, "invalid_credentials", "wrong username or password");
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("token", login.get().token());
            out.put("expiresAt", login.get().expiresAt().toString());
            out.put("agentId", login.get().principal().accountId());
            out.put("name", login.get().principal().name());
            out.put("role", login.get().principal().role().name().toLowerCase(java.util.Locale.ROOT));
            out.put("team", login.get().principal().team());
            sendJson(ctx, 200, out);
        });
    }

    private void logout(RoutingContext ctx) {
        String token = Authentication.bearer(ctx);
        if (token == null) {
            error(ctx, 401, "unauthenticated", "Authorization: Bearer TOKEN required");
            return;
        }
        blocking(ctx, () -> deps.auth().authenticate(token).map(who -> {
            // signing out ends the shift: offline first (so nothing is offered to them again), then what the agent
            // holds goes back to the queue for a colleague, and the shoppers are told
            AgentId agent = new AgentId(who.accountId());
            deps.desk().setPresence(agent, Presence.OFFLINE);
            deps.desk().handBackAll(agent);
            deps.auth().logout(token);
            return true;
        }).orElse(false), signedOut -> {
            if (signedOut) {
                ctx.response().setStatusCode(204).end();
            } else {
                // a wrong or expired token: the caller must not believe some session ended
                error(ctx, 401, "unauthenticated", "no such session");
            }
        });
    }

    private void readConversation(RoutingContext ctx) {
        String token = Authentication.bearer(ctx);
        if (token == null) {
            error(ctx, 401, "unauthenticated", "Authorization: Bearer TOKEN required");
            return;
        }
        String id = ctx.pathParam("id");
        if (!Ids.isSafe(id)) {
            error(ctx, 400, "invalid_field", "not a valid conversation id");
            return;
        }
        blocking(ctx, () -> {
            Principal who = deps.auth().authenticate(token).orElse(null);
            return who == null ? null : deps.desk().read(who, new ConversationId(id));
        }, card -> {
            if (card == null) {
                error(ctx, 401, "unauthenticated", "invalid or expired token");
            } else {
                sendJson(ctx, 200, card);
            }
        });
    }

    // --- REST channel and bot API (integrators)

    private void restMessage(RoutingContext ctx) {
        if (!integratorAuthorised(ctx)) {
            return;
        }
        JsonNode body = body(ctx);
        String customerId = requiredId(body, "customerId");
        String text = requiredText(body, "text", 4000);
        String locale = optionalLocale(body);
        String messageId = Json.optionalString(body, "messageId");
        if (messageId != null && !Ids.isSafe(messageId)) {
            throw new BadRequestException("invalid_field", "messageId must be 1-128 characters of [A-Za-z0-9._:@+-]");
        }
        long started = System.nanoTime();
        blocking(ctx, customerId, () -> {
            Customer customer = FirstContact.meet(deps.customers(), Identity.appUser(customerId), text, locale,
                    clock.instant());
            Inbound in = new Inbound(customer.id(), Channel.REST, text, List.of(), locale,
                    messageId == null ? null : new MessageId("rest:" + customerId + ":" + messageId), Map.of());
            InboundOutcome received = deps.conversations().receive(in);
            // with everything stored for the customer since the last response: agents' replies included
            return new InboundOutcome(received.conversation(), received.message(), received.duplicate(),
                    received.decision(), deps.conversations().forRestClient(received), received.queue());
        }, outcome -> {
            metrics.inbound(Channel.REST, System.nanoTime() - started);
            sendJson(ctx, 200, restResponse(outcome));
        });
    }

    private void botReply(RoutingContext ctx) {
        if (!integratorAuthorised(ctx)) {
            return;
        }
        JsonNode body = body(ctx);
        String customerId = requiredId(body, "customerId");
        String text = requiredText(body, "text", 4000);
        String locale = optionalLocale(body);
        blocking(ctx, customerId, () -> {
            Customer customer = deps.customers().findByIdentity(Identity.appUser(customerId))
                    .orElseGet(() -> Customer.newCustomer(new dev.concierge.core.customer.CustomerId(customerId),
                            Identity.appUser(customerId), clock.instant()));
            return deps.conversations().preview(customer, text, locale);
        }, decision -> sendJson(ctx, 200, decisionToWire(decision)));
    }

    private Map<String, Object> restResponse(InboundOutcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", outcome.conversation().id().value());
        out.put("messageId", outcome.message().id().value());
        out.put("duplicate", outcome.duplicate());
        out.put("status", outcome.conversation().status().name().toLowerCase(java.util.Locale.ROOT));
        outcome.decision().ifPresent(d -> out.put("decision", decisionToWire(d)));
        out.put("replies", outcome.replies().stream().map(WireMessages::toWire).toList());
        outcome.queue().ifPresent(q -> out.put("handoff", Map.of("status", "queued", "position", q.position(),
                "expectedWaitSeconds", q.expectedWaitSeconds())));
        return out;
    }

    /** The decision exactly as ARCHITECTURE.md's wire protocol defines it. */
    public static Map<String, Object> decisionToWire(BotDecision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", d.action());
        out.put("intent", d.intent());
        out.put("confidence", Math.round(d.confidence() * 1000) / 1000.0);
        out.put("language", d.language());
        out.put("text", d.text());
        out.put("quickReplies", d.quickReplies());
        if (d instanceof BotDecision.Answer a && a.faqId() != null) {
            out.put("faqId", a.faqId());
        }
        if (d instanceof BotDecision.Handoff h) {
            out.put("handoffReason", h.reason());
            out.put("priority", h.priority());
        }
        if (d instanceof BotDecision.FlowStep f) {
            out.put("flow", f.flow());
            out.put("step", f.step());
        }
        return out;
    }

    // --- plumbing

    private boolean integratorAuthorised(RoutingContext ctx) {
        if (integrations.apiKeys().isEmpty()) {
            error(ctx, 404, "not_found", "the REST channel is disabled (no integrations.apiKeys configured)");
            return false;
        }
        String key = Authentication.bearer(ctx);
        boolean ok = false;
        if (key != null) {
            byte[] given = key.getBytes(StandardCharsets.UTF_8);
            for (String expected : integrations.apiKeys()) {
                ok |= MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!ok) {
            error(ctx, 401, "unauthenticated", "Authorization: Bearer <integration API key> required");
        }
        return ok;
    }

    private JsonNode body(RoutingContext ctx) {
        String text = Bodies.utf8(ctx);
        if (text == null || text.isBlank()) {
            throw new BadRequestException("invalid_json", "request body must be a JSON object");
        }
        return json.parseObject(text)
                .orElseThrow(() -> new BadRequestException("invalid_json", "request body must be a JSON object"));
    }

    private static String requiredText(JsonNode body, String field, int maxChars) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequestException("missing_field", "'" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new BadRequestException("invalid_field", "'" + field + "' must be a string");
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new BadRequestException("missing_field", "'" + field + "' must not be empty");
        }
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            throw new BadRequestException("field_too_long", "'" + field + "' is limited to " + maxChars
                    + " characters");
        }
        return text;
    }

    private static String requiredId(JsonNode body, String field) {
        String id = requiredText(body, field, 128);
        if (!Ids.isSafe(id)) {
            throw new BadRequestException("invalid_field", "'" + field
                    + "' must be 1-128 characters of [A-Za-z0-9._:@+-]");
        }
        return id;
    }

    private static String optionalLocale(JsonNode body) {
        JsonNode value = body.get("locale");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !LOCALES.contains(value.asText())) {
            throw new BadRequestException("invalid_field", "'locale' must be zh or en");
        }
        return value.asText();
    }


    private <T> void blocking(RoutingContext ctx, Supplier<T> work, java.util.function.Consumer<T> done) {
        blocking(ctx, clients.of(ctx.request().remoteAddress(), ctx.request().headers()), work,
                done);
    }

    /** Runs blocking work on the key's executor lane and answers on the event loop. */
    private <T> void blocking(RoutingContext ctx, Object key, Supplier<T> work, java.util.function.Consumer<T> done) {
        Lanes.run(deps.executor(), ctx, key, work, done);
    }

    /** Where a handler may find the request's original Content-Type after {@link #rawBodiesOnly}. */
    public static final String ORIGINAL_CONTENT_TYPE = "concierge.originalContentType";

    /**
     * 400 {@code invalid_encoding} for a path or query string whose percent-escapes are not UTF-8 ("?q=%FF",
     * "/api/v1/conversations/%C3%28"): Vert.x would decode them to U+FFFD, and a search or an id holding a replacement
     * character is not what the client sent (the same rule as for bodies and WebSocket text).
     */
    private void utf8EscapesOnly(RoutingContext ctx) {
        if (!PercentEscapes.areUtf8(ctx.request().path()) || !PercentEscapes.areUtf8(ctx.request().query())) {
            error(ctx, 400, "invalid_encoding", "the URL's percent-escapes are not UTF-8");
            return;
        }
        ctx.next();
    }

    /**
     * Every endpoint reads its body raw (JSON, images, or forms the channel adapters decode strictly themselves).
     * Vert.x's body handler would instead decode form and multipart bodies on its own, and fail with a 500 on
     * hostile ones (over-long fields, a GET with a multipart type), so those types are hidden from it.
     */
    private static void rawBodiesOnly(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null) {
            String lower = type.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
                ctx.put(ORIGINAL_CONTENT_TYPE, type);
                ctx.request().headers().set("Content-Type", "application/octet-stream");
            }
        }
        ctx.next();
    }

    /** The request's Content-Type as the client sent it. */
    public static String contentType(RoutingContext ctx) {
        String original = ctx.get(ORIGINAL_CONTENT_TYPE);
        return original != null ? original : ctx.request().getHeader("Content-Type");
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        if (e instanceof BadRequestException bad) {
            error(ctx, 400, bad.code(), bad.getMessage());
        } else if (e instanceof AccessDeniedException denied) {
            error(ctx, 403, "forbidden", denied.getMessage());
        } else if (e instanceof NoSuchElementException missing) {
            error(ctx, 404, "not_found", missing.getMessage());
        } else if (e instanceof IllegalTransitionException conflict) {
            error(ctx, 409, "conflict", conflict.getMessage());
        } else if (e instanceof StoreUnavailableException) {
            ctx.response().putHeader("Retry-After", "5");
            error(ctx, 503, "unavailable", "temporarily unavailable, please retry");
        } else if (e instanceof KbValidationException invalid) {
            metrics.rejected("http", "validation_failed");
            sendJson(ctx, 400, Map.of("error", Map.of("code", "validation_failed", "message", invalid.getMessage(),
                    "errors", invalid.errors().stream().map(f -> Map.of("entry", f.entry(), "field", f.field(),
                            "message", f.message())).toList())));
        } else if (e instanceof EntryNotFoundException missing) {
            error(ctx, 404, "not_found", missing.getMessage());
        } else if (e instanceof DuplicateEntryException duplicate) {
            error(ctx, 409, "conflict", duplicate.getMessage());
        } else if (e instanceof IllegalArgumentException invalid) {
            error(ctx, 400, "invalid_request", invalid.getMessage());
        } else if (e == null && ctx.statusCode() == 413) {
            Integer own = ctx.get(BODY_LIMIT);
            int limit = own != null ? own : maxBodyBytes;
            error(ctx, 413, "body_too_large", "request bodies here are limited to " + (limit >= 1 << 20
                    ? (limit >> 20) + " MB" : limit + " bytes"));
        } else if (e == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error(ctx, ctx.statusCode(), "bad_request", "the request was rejected");
        } else {
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), e);
            error(ctx, 500, "internal_error", "internal error");
        }
    }

    private void error(RoutingContext ctx, int status, String code, String message) {
        if (status < 500 || status == 503) {
            // 503: the store did not answer (the operations guide's alert on code="unavailable")
            metrics.rejected("http", code);
        }
        sendJson(ctx, status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private void sendJson(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json.write(body));
    }
}
