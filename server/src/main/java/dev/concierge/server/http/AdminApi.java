package dev.concierge.server.http;

import dev.concierge.bot.curation.UnansweredGrouping;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.core.Ids;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.server.auth.Principal;
import dev.concierge.server.conversation.AccessDeniedException;
import dev.concierge.server.conversation.CustomerData;
import dev.concierge.server.conversation.KeyedExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervisor administration: the unanswered-question log for knowledge-base curation (JSON and CSV), and a
 * customer's data export and erasure. Every call is audit-logged.
 */
public final class AdminApi implements ApiModule {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    private final UnansweredLog unanswered;
    private final CustomerData customers;
    private final Authentication auth;
    private final KeyedExecutor executor;
    private final Json json;

    public AdminApi(UnansweredLog unanswered, CustomerData customers, Authentication auth, KeyedExecutor executor,
            Json json) {
        this.unanswered = unanswered;
        this.customers = customers;
        this.auth = auth;
        this.executor = executor;
        this.json = json;
    }

    @Override
    public void mount(Router router) {
        router.route("/api/v1/admin/unanswered*").handler(auth.supervisors());
        // any agent gets through, so that a refused export or erasure is audit-logged with who tried it
        router.route("/api/v1/admin/customers/*").handler(auth.anyAgent());
        router.get("/api/v1/admin/unanswered").handler(this::unanswered);
        router.get("/api/v1/admin/unanswered.csv").handler(this::unansweredCsv);
        router.get("/api/v1/admin/customers/:id/export").handler(this::export);
        router.delete("/api/v1/admin/customers/:id").handler(this::erase);
    }

    private void unanswered(RoutingContext ctx) {
        int limit = limit(ctx);
        run(ctx, ctx.request().path(), () -> json.write(Map.of("groups", unanswered.groups(limit))),
                "application/json; charset=utf-8", 200);
    }

    private void unansweredCsv(RoutingContext ctx) {
        int limit = limit(ctx);
        run(ctx, ctx.request().path(), () -> UnansweredGrouping.toCsv(unanswered.groups(limit)),
                "text/csv; charset=utf-8", 200);
    }

    private void export(RoutingContext ctx) {
        CustomerId id = customerId(ctx);
        String reader = supervisor(ctx, "customer_export", id);
        run(ctx, id, () -> audited(reader, "customer_export", id, () -> json.write(customers.export(id))),
                "application/json; charset=utf-8", 200);
    }

    private void erase(RoutingContext ctx) {
        CustomerId id = customerId(ctx);
        String reader = supervisor(ctx, "customer_erase", id);
        run(ctx, id, () -> audited(reader, "customer_erase", id,
                () -> json.write(Map.of("erasedConversations", customers.erase(id)))),
                "application/json; charset=utf-8", 200);
    }

    /**
     * Does the work and audit-logs what came of it: allowed when it was carried out, else not, with the result
     * ({@code not_found}: no such customer, 404; {@code failed}: an error, the store unavailable, say). Logged before
     * the work, an erasure or export of nobody read as done.
     */
    private static String audited(String reader, String action, CustomerId id, Supplier<String> work) {
        String out;
        try {
            out = work.get();
        } catch (RuntimeException e) {
            AUDIT.info("reader={} action={} customer={} allowed=false result={}", reader, action, id,
                    e instanceof java.util.NoSuchElementException ? "not_found" : "failed");
            throw e;
        }
        AUDIT.info("reader={} action={} customer={} allowed=true", reader, action, id);
        return out;
    }

    /**
     * The supervisor's account id; for anyone else the attempt is audit-logged as refused ({@code result}
     * {@code forbidden}) and answered 403.
     */
    private static String supervisor(RoutingContext ctx, String action, CustomerId id) {
        Principal caller = Authentication.principal(ctx);
        if (!caller.isSupervisor()) {
            AUDIT.info("reader={} action={} customer={} allowed=false result=forbidden", caller.accountId(), action,
                    id);
            throw new AccessDeniedException("supervisor role required");
        }
        return caller.accountId();
    }

    private static int limit(RoutingContext ctx) {
        String value = ctx.queryParams().get("limit");
        if (value == null) {
            return 500;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1 || n > 10_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid_field", "limit must be 1-10000");
        }
    }

    private static CustomerId customerId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.isSafe(id)) {
            throw new BadRequestException("invalid_field", "not a valid customer id");
        }
        return new CustomerId(id);
    }

    private void run(RoutingContext ctx, Object key, Supplier<String> work, String contentType, int status) {
        Lanes.run(executor, ctx, key, work,
                body -> ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body));
    }
}
