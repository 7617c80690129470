package dev.concierge.server.channels;

import dev.concierge.channel.ChannelSettings;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.email.EmailInbound;
import dev.concierge.channel.email.EmailSettings;
import dev.concierge.channel.email.EmailWebhookHandler;
import dev.concierge.channel.email.MimeEmailParser;
import dev.concierge.channel.email.SmtpInboundListener;
import dev.concierge.channel.sms.SmsStatusCallbackHandler;
import dev.concierge.channel.sms.SmsWebhookHandler;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.HttpApi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS and email ingress: provider webhooks mounted on the HTTP server, the SMTP listener, and the outbox
 * drainer. A channel without settings is off, says so in the log, and its webhook answers 404.
 */
public final class ChannelsModule implements ApiModule, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelsModule.class);
    private static final int SMS_BODY_LIMIT = 64 * 1024;
    private static final long DRAIN_MILLIS = 5_000;

    private final ChannelSettings settings;
    private final SmsWebhookHandler sms;
    private final SmsStatusCallbackHandler smsStatus;
    private final EmailWebhookHandler emailWebhook;
    private final SmtpInboundListener smtp;
    private final ChannelOutbound outbound;
    private Vertx vertx;
    private long drainTimer = -1;

    private ChannelsModule(ChannelSettings settings, SmsWebhookHandler sms, SmsStatusCallbackHandler smsStatus,
            EmailWebhookHandler emailWebhook, SmtpInboundListener smtp, ChannelOutbound outbound) {
        this.settings = settings;
        this.sms = sms;
        this.smsStatus = smsStatus;
        this.emailWebhook = emailWebhook;
        this.smtp = smtp;
        this.outbound = outbound;
    }

    public static ChannelsModule create(ChannelSettings settings, ChannelStores stores, ChannelInbound inbound,
            ChannelOutbound outbound, Clock clock) {
        SmsWebhookHandler sms = settings.sms().settings()
                .map(s -> new SmsWebhookHandler(s, stores.dedupe(), stores.optOuts(), inbound, clock)).orElse(null);
        SmsStatusCallbackHandler status = settings.sms().settings()
                .map(s -> new SmsStatusCallbackHandler(s, stores.outbox())).orElse(null);
        EmailInbound emailInbound = new EmailInbound(stores.threads(), stores.dedupe(), inbound, clock);
        EmailSettings email = settings.email().settings().orElse(null);
        EmailWebhookHandler webhook = email != null && email.webhookEnabled()
                ? new EmailWebhookHandler(email, stores.dedupe(), emailInbound, clock) : null;
        SmtpInboundListener smtp = email != null && email.listenerEnabled()
                ? new SmtpInboundListener(email, new MimeEmailParser(email.maxAttachmentBytes()), emailInbound) : null;
        return new ChannelsModule(settings, sms, status, webhook, smtp, outbound);
    }

    @Override
    public void mount(Router router) {
        int emailLimit = settings.email().settings().map(EmailSettings::maxMessageBytes).orElse(SMS_BODY_LIMIT);
        router.post("/webhooks/sms/inbound").handler(BodyHandler.create(false).setBodyLimit(SMS_BODY_LIMIT))
                .handler(ctx -> webhook(ctx, sms == null ? null : sms::handle, "sms"));
        router.post("/webhooks/sms/status").handler(BodyHandler.create(false).setBodyLimit(SMS_BODY_LIMIT))
                .handler(ctx -> webhook(ctx, smsStatus == null ? null : smsStatus::handle, "sms"));
        router.post("/webhooks/email/inbound").handler(BodyHandler.create(false).setBodyLimit(emailLimit))
                .handler(ctx -> webhook(ctx, emailWebhook == null ? null : emailWebhook::handle, "email"));
    }

    /** Starts the SMTP listener and the outbox drainer. */
    public void start(Vertx vertx) {
        this.vertx = vertx;
        LOG.info("channels: {}", settings.describe());
        if (smtp != null) {
            smtp.start();
            LOG.info("SMTP listener on port {}", smtp.port());
        }
        drainTimer = vertx.setPeriodic(DRAIN_MILLIS, id -> vertx.executeBlocking(outbound::drain, false)
                .onFailure(e -> LOG.warn("outbox drain failed: {}", e.toString())));
    }

    /** The SMTP listener's port, or -1 when it is off (tests listen on an ephemeral port). */
    public int smtpPort() {
        return smtp == null ? -1 : smtp.port();
    }

    @Override
    public void close() {
        if (vertx != null && drainTimer >= 0) {
            vertx.cancelTimer(drainTimer);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static void webhook(RoutingContext ctx, Function<WebhookRequest, WebhookResponse> handler,
            String channel) {
        if (handler == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end("{\"error\":{\"code\":\"channel_disabled\",\"message\":\"the " + channel
                            + " channel is not configured\"}}");
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                .add(h.getValue()));
        headers.put("Content-Type", List.of(HttpApi.contentType(ctx)));
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        WebhookRequest request = new WebhookRequest(ctx.request().method().name(), ctx.request().uri(), headers,
                Map.of(), body, HttpApi.contentType(ctx),
                ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
        // Handlers block on stores and never throw; they answer 2xx, 4xx, 403 or 503.
        ctx.vertx().executeBlocking(() -> handler.apply(request), false).onComplete(result -> {
            if (ctx.response().ended()) {
                return;
            }
            if (result.failed()) {
                LOG.error("{} webhook failed", channel, result.cause());
                ctx.response().setStatusCode(503).putHeader("Retry-After", "5").end();
                return;
            }
            WebhookResponse response = result.result();
            var out = ctx.response().setStatusCode(response.status());
            if (response.contentType() != null && !response.contentType().isEmpty()) {
                out.putHeader("Content-Type", response.contentType());
            }
            out.end(response.body() == null ? "" : response.body());
        });
    }
}
