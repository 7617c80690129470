package dev.concierge.server.web;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.kb.FaqRetriever;
import dev.concierge.routing.Router;
import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.server.audit.AuditApi;
import dev.concierge.server.audit.AuditLog;
import dev.concierge.server.audit.AuditLogbackBridge;
import dev.concierge.server.audit.InMemoryAuditLog;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.Json;
import dev.concierge.server.observability.ServerMetrics;
import dev.concierge.server.reports.LiveBoard;
import dev.concierge.server.reports.ReportCalculator;
import dev.concierge.server.reports.ReportMetrics;
import dev.concierge.server.reports.ReportsApi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The web features in one place for the composition root: pages, attachments, reports (API and metrics) and the
 * queryable audit log. Close it with the application (stops the metrics refresh, detaches the audit bridge).
 */
public final class WebFeatures implements AutoCloseable {
    /** What the web features read. */
    public record Dependencies(ConversationStore conversations, AttachmentStore attachments,
            ShopperTokenStore shopperTokens, Router router, AgentDirectory agents,
            java.util.function.Supplier<java.util.Set<dev.concierge.routing.AgentId>> connectedAgents,
            CsatStore csat, FaqRetriever knowledgeBase) {
    }

    private final AuditLog audit;
    private final List<ApiModule> modules;
    private final List<AutoCloseable> resources;

    private WebFeatures(AuditLog audit, List<ApiModule> modules, List<AutoCloseable> resources) {
        this.audit = audit;
        this.modules = modules;
        this.resources = resources;
    }

    /** With a fresh in-memory audit log. */
    public static WebFeatures create(Dependencies deps, Authentication auth, KeyedExecutor executor, Json json,
            ServerMetrics metrics, Clock clock) {
        return create(deps, new InMemoryAuditLog(10_000), auth, executor, json, metrics, clock);
    }

    /**
     * With the application's audit log (so that the desk can record into the same log directly). Lines on the SLF4J
     * {@code audit} logger are bridged into it as well; drop the bridge once every caller records directly.
     */
    public static WebFeatures create(Dependencies deps, AuditLog audit, Authentication auth, KeyedExecutor executor,
            Json json, ServerMetrics metrics, Clock clock) {
        AutoCloseable bridge = AuditLogbackBridge.install(audit);
        ReportCalculator calculator = new ReportCalculator(deps.conversations());
        ReportMetrics reportMetrics = new ReportMetrics(calculator, metrics.registry(), clock, Duration.ofSeconds(15));
        List<ApiModule> modules = List.of(
                new ReportsApi(calculator, new LiveBoard(deps.conversations(), deps.router(), deps.agents(),
                        deps.connectedAgents(), clock), deps.csat(), auth, executor, json, clock),
                new AuditApi(audit, auth, json),
                new AttachmentsApi(deps.attachments(), deps.shopperTokens(), auth, audit, executor, json, clock),
                new AgentAssistApi(deps.knowledgeBase(), auth, executor, json),
                new WebPages());
        return new WebFeatures(audit, modules, List.of(bridge, reportMetrics));
    }

    /** The queryable audit log (the desk should record into it directly; see docs/pages.md). */
    public AuditLog audit() {
        return audit;
    }

    public List<ApiModule> modules() {
        return modules;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }
}
