package dev.concierge.server.http;

import dev.concierge.server.conversation.KeyedExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How route handlers do blocking work: on the key's executor lane, then back on the request's event loop to
 * answer. Failures go to the router's failure handler (the one JSON error format).
 */
public final class Lanes {
    private Lanes() {
    }

    public static <T> void run(KeyedExecutor executor, RoutingContext ctx, Object key, Supplier<T> work,
            Consumer<T> done) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        executor.submit(key, work).whenComplete((result, err) -> context.runOnContext(v -> {
            if (ctx.response().ended()) {
                return;
            }
            if (err != null) {
                ctx.fail(err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
                return;
            }
            try {
                done.accept(result);
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        }));
    }
}
