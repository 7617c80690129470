package dev.concierge.server.web;

import dev.concierge.core.Ids;
import dev.concierge.core.channel.Channel;
import dev.concierge.kb.FaqRetriever;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /api/v1/assist/answers/{entryId}?locale=zh|en} (any agent): the web-chat answer text of one
 * knowledge-base entry, so the desk can insert the candidates that {@code /api/v1/kb/suggest} lists by id.
 */
public final class AgentAssistApi implements ApiModule {
    private final FaqRetriever knowledgeBase;
    private final Authentication auth;
    private final KeyedExecutor executor;
    private final Json json;

    public AgentAssistApi(FaqRetriever knowledgeBase, Authentication auth, KeyedExecutor executor, Json json) {
        this.knowledgeBase = knowledgeBase;
        this.auth = auth;
        this.executor = executor;
        this.json = json;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/assist/answers/:id").handler(auth.anyAgent()).handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String locale = ctx.queryParams().get("locale");
        if (!Ids.isSafe(id)) {
            throw new BadRequestException("invalid_field", "not a valid entry id");
        }
        if (locale != null && !locale.equals("zh") && !locale.equals("en")) {
            throw new BadRequestException("invalid_field", "locale must be zh or en");
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        executor.submit("knowledge-base", () -> knowledgeBase.answer(id, locale == null ? "zh" : locale,
                Channel.WEB_CHAT)).whenComplete((text, err) -> context.runOnContext(v -> {
                    if (err != null) {
                        ctx.fail(err.getCause() != null ? err.getCause() : err);
                    } else if (text.isEmpty()) {
                        ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json; charset=utf-8")
                                .end(json.write(Map.of("error", Map.of("code", "not_found",
                                        "message", "no such entry"))));
                    } else {
                        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json.write(
                                Map.of("entryId", id, "locale", locale == null ? "zh" : locale, "text", text.get())));
                    }
                }));
    }
}
