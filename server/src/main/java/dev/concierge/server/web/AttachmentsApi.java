package dev.concierge.server.web;

import dev.concierge.core.Ids;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.FileNames;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.server.audit.AuditEvent;
import dev.concierge.server.audit.AuditLog;
import dev.concierge.server.chat.ShopperIdentity;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.Json;
import dev.concierge.server.http.Lanes;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Shoppers upload a photo ({@code POST /api/v1/attachments}, the raw image as the body, {@code X-Customer-Id} and
 * {@code Authorization: Bearer RESUME_TOKEN}, optional {@code ?name=}); agents fetch it
 * ({@code GET /api/v1/attachments/{ref}}, agent bearer token, audit-logged).
 */
public final class AttachmentsApi implements ApiModule {
    private static final java.util.Set<String> SHOWN_INLINE = java.util.Set.of("image/jpeg", "image/png", "image/gif",
            "image/webp");
    static final int MAX_BYTES = 5 << 20;

    private final AttachmentStore attachments;
    private final ShopperTokenStore tokens;
    private final Authentication auth;
    private final AuditLog audit;
    private final KeyedExecutor executor;
    private final Json json;
    private final Clock clock;

    public AttachmentsApi(AttachmentStore attachments, ShopperTokenStore tokens, Authentication auth, AuditLog audit,
            KeyedExecutor executor, Json json, Clock clock) {
        this.attachments = attachments;
        this.tokens = tokens;
        this.auth = auth;
        this.audit = audit;
        this.executor = executor;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void mount(Router router) {
        // a route of its own: a body handler must come first on its route
        router.post("/api/v1/attachments").handler(ctx -> {
            ctx.put(dev.concierge.server.http.HttpApi.BODY_LIMIT, MAX_BYTES);
            ctx.next();
        });
        router.post("/api/v1/attachments").handler(BodyHandler.create(false).setBodyLimit(MAX_BYTES))
                .handler(this::upload);
        router.get("/api/v1/attachments/:ref").handler(auth.anyAgent()).handler(this::download);
    }

    private void upload(RoutingContext ctx) {
        String customer = ctx.request().getHeader("X-Customer-Id");
        String token = Authentication.bearer(ctx);
        if (customer == null || token == null || !Ids.isSafe(customer)) {
            error(ctx, 401, "unauthenticated", "X-Customer-Id and Authorization: Bearer RESUME_TOKEN required");
            return;
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0) {
            error(ctx, 400, "missing_field", "the request body must be the image");
            return;
        }
        byte[] bytes = body.getBytes();
        Optional<String> type = ImageUpload.sniff(bytes);
        if (type.isEmpty()) {
            error(ctx, 415, "unsupported_media_type", "only JPEG, PNG, GIF and WebP images are accepted");
            return;
        }
        String name = ImageUpload.safeName(ctx.queryParams().get("name"), type.get());
        run(ctx, customer, () -> {
            Optional<String> bound = tokens.tokenHash(new CustomerId(customer));
            if (bound.isEmpty() || !MessageDigest.isEqual(bound.get().getBytes(StandardCharsets.US_ASCII),
                    ShopperIdentity.hash(token).getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
            // tied to the uploader: only their own messages may carry it (ChatEndpoint)
            return attachments.put(new StoredFile(name, type.get(), bytes, new CustomerId(customer)));
        }, ref -> {
            if (ref == null) {
                error(ctx, 401, "unauthenticated", "invalid customer id or resume token");
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reference", ref);
            out.put("name", name);
            out.put("contentType", type.get());
            out.put("sizeBytes", bytes.length);
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(json.write(out));
        });
    }

    private void download(RoutingContext ctx) {
        String ref = ctx.pathParam("ref");
        if (!Ids.isSafe(ref)) {
            error(ctx, 400, "invalid_field", "not a valid attachment reference");
            return;
        }
        String reader = Authentication.principal(ctx).accountId();
        run(ctx, ref, () -> attachments.get(ref), file -> {
            audit.record(new AuditEvent(clock.instant(), reader, "attachment_read", null, file.isPresent(),
                    Map.of("attachment", ref)));
            if (file.isEmpty()) {
                error(ctx, 404, "not_found", "no such attachment");
                return;
            }
            // Images (chat uploads are sniffed; e-mail parts declare theirs) are shown inline; anything else is a
            // download of opaque bytes; always in a sandbox, so a stored file can never run as a page.
            boolean image = SHOWN_INLINE.contains(file.get().contentType().toLowerCase(java.util.Locale.ROOT));
            ctx.response().putHeader("Content-Type", image ? file.get().contentType() : "application/octet-stream")
                    .putHeader("Content-Disposition",
                            FileNames.contentDisposition(image ? "inline" : "attachment", file.get().name()))
                    .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                    .putHeader("Cache-Control", "private, no-store")
                    .end(Buffer.buffer(file.get().content()));
        });
    }

    private <T> void run(RoutingContext ctx, Object key, Supplier<T> work, java.util.function.Consumer<T> done) {
        Lanes.run(executor, ctx, key, work, done);
    }

    private void error(RoutingContext ctx, int status, String code, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json.write(Map.of("error", Map.of("code", code, "message", message))));
    }
}
