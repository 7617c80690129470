package dev.concierge.server.http;

import io.vertx.ext.web.Router;

/** A group of routes owned by one feature, mounted by {@link HttpApi} in one place. */
public interface ApiModule {
    void mount(Router router);
}
