package dev.concierge.server.web;

import dev.concierge.server.http.ApiModule;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The three pages ({@code /chat}, {@code /agent}, {@code /supervisor}), their scripts and styles under
 * {@code /static/}, the embeddable {@code /widget.js} and the browser libraries under {@code /webjars/}, all
 * from the classpath. Pages are never cached (they name the asset versions); assets are cacheable.
 */
public final class WebPages implements ApiModule {
    static final String WEBROOT = "webroot";
    private static final long ASSET_MAX_AGE_SECONDS = 3600;

    @Override
    public void mount(Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/chat"));
        router.get("/chat").handler(ctx -> page(ctx, "chat.html", true));
        router.get("/agent").handler(ctx -> page(ctx, "agent.html", false));
        router.get("/supervisor").handler(ctx -> page(ctx, "supervisor.html", false));
        router.get("/static/*").handler(ctx -> {
            PageSecurity.page(ctx, false);
            cacheable(ctx);
        }).handler(assets(WEBROOT + "/static"));
        router.get("/widget.js").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
                    .putHeader("Cache-Control", "public, max-age=" + ASSET_MAX_AGE_SECONDS);
            ctx.response().sendFile(WEBROOT + "/widget.js");
        });
        router.get("/webjars/*").handler(WebPages::cacheable).handler(assets("META-INF/resources/webjars"));
    }

    private static StaticHandler assets(String root) {
        // Overrides the API's "no-store": scripts, styles and libraries may be cached (an hour; the version is
        // in the WebJar path, and a deploy changes at most an hour of stale page code).
        return StaticHandler.create(root).setCachingEnabled(true).setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
                .setDirectoryListing(false).setIncludeHidden(false).setDefaultContentEncoding("UTF-8");
    }

    /** Replaces the API-wide "no-store" on successful asset responses, whatever the static handler sets. */
    private static void cacheable(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            if (ctx.response().getStatusCode() == 200 || ctx.response().getStatusCode() == 304) {
                ctx.response().headers().set("Cache-Control", "public, max-age=" + ASSET_MAX_AGE_SECONDS);
            }
        });
        ctx.next();
    }

    private static void page(RoutingContext ctx, String file, boolean embeddable) {
        PageSecurity.page(ctx, embeddable);
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        ctx.response().sendFile(WEBROOT + "/" + file);
    }
}
