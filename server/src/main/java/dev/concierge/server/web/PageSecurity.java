package dev.concierge.server.web;

import io.vertx.ext.web.RoutingContext;

/** Response headers for the pages and their assets. */
final class PageSecurity {
    /** No inline script or style anywhere; the WebSockets and fetches go to this origin only. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; "
            + "frame-ancestors 'none'";
    /** The shopper widget is meant to be embedded in the shop's own pages (see widget.js), so it may be framed. */
    static final String CSP_EMBEDDABLE = CSP.replace("frame-ancestors 'none'", "frame-ancestors *");

    private PageSecurity() {
    }

    static void page(RoutingContext ctx, boolean embeddable) {
        ctx.response()
                .putHeader("Content-Security-Policy", embeddable ? CSP_EMBEDDABLE : CSP)
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (embeddable) {
            ctx.response().headers().remove("X-Frame-Options");
        }
    }
}
