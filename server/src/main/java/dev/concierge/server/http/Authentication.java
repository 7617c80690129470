package dev.concierge.server.http;

import dev.concierge.server.auth.AuthService;
import dev.concierge.server.auth.Principal;
import dev.concierge.server.conversation.KeyedExecutor;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;

/**
 * Route handlers that authenticate the bearer token (on a worker: the session store may be Redis) and put the
 * {@link Principal} in the routing context, or answer 401 / 403 through the error writer.
 */
public final class Authentication {
    private static final String PRINCIPAL = "concierge.principal";

    /** Writes an error response: status, code, message. */
    public interface ErrorWriter {
        void write(RoutingContext ctx, int status, String code, String message);
    }

    private final AuthService auth;
    private final KeyedExecutor executor;
    private final ErrorWriter errors;

    public Authentication(AuthService auth, KeyedExecutor executor, ErrorWriter errors) {
        this.auth = auth;
        this.executor = executor;
        this.errors = errors;
    }

    /** Any logged-in agent or supervisor. */
    public Handler<RoutingContext> anyAgent() {
        return ctx -> authenticate(ctx, (c, p) -> c.next());
    }

    /** Supervisors only (administration, reports, audit log). */
    public Handler<RoutingContext> supervisors() {
        return ctx -> authenticate(ctx, (c, p) -> {
            if (p.isSupervisor()) {
                c.next();
            } else {
                errors.write(c, 403, "forbidden", "supervisor role required");
            }
        });
    }

    public static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route is not behind an authentication handler");
        }
        return p;
    }

    public static String bearer(RoutingContext ctx) {
        return bearer(ctx.request().getHeader("Authorization"));
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header value, or null. */
    public static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private void authenticate(RoutingContext ctx, BiConsumer<RoutingContext, Principal> then) {
        String token = bearer(ctx);
        if (token == null) {
            errors.write(ctx, 401, "unauthenticated", "Authorization: Bearer TOKEN required");
            return;
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        executor.submit(token, () -> auth.authenticate(token)).whenComplete((who, err) -> context.runOnContext(v -> {
            if (err != null) {
                ctx.fail(err.getCause() != null ? err.getCause() : err);
            } else if (who.isEmpty()) {
                errors.write(ctx, 401, "unauthenticated", "invalid or expired token");
            } else {
                ctx.put(PRINCIPAL, who.get());
                then.accept(ctx, who.get());
            }
        }));
    }
}
