package dev.concierge.server.orders;

import dev.concierge.bot.order.DemoOrderResponse;
import dev.concierge.bot.order.DemoOrderService;
import dev.concierge.server.http.ApiModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves the embedded demo order service under {@link DemoOrderService#MOUNT_PATH}, so the demo's flows call a
 * real order API over HTTP with nothing else running. Only mounted when no external order API is configured.
 */
public final class DemoOrderApiModule implements ApiModule {
    private final DemoOrderService demo;

    public DemoOrderApiModule(DemoOrderService demo) {
        this.demo = demo;
    }

    @Override
    public void mount(Router router) {
        String base = DemoOrderService.MOUNT_PATH;
        router.route(base + "/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.route(base + "/*").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String below = ctx.request().path().substring(DemoOrderService.MOUNT_PATH.length());
        String query = ctx.request().query();
        String body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
        ctx.vertx().executeBlocking(() -> demo.handle(ctx.request().method().name(),
                query == null ? below : below + "?" + query, body), false).onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(result.cause());
                        return;
                    }
                    DemoOrderResponse response = result.result();
                    ctx.response().setStatusCode(response.status())
                            .putHeader("Content-Type", DemoOrderResponse.CONTENT_TYPE).end(response.body());
                });
    }
}
