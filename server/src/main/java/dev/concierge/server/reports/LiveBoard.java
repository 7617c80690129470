package dev.concierge.server.reports;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Router;
import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.server.conversation.AgentDesk;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The supervisor's live view: waiting conversations, agents and their load, SLA breaches, escalations. */
public final class LiveBoard {
    private final ConversationStore conversations;
    private final Router router;
    private final AgentDirectory agents;
    private final Supplier<Set<AgentId>> connected;
    private final Clock clock;

    /** @param connected the agents with a socket on any node (read once per snapshot) */
    public LiveBoard(ConversationStore conversations, Router router, AgentDirectory agents,
            Supplier<Set<AgentId>> connected, Clock clock) {
        this.conversations = conversations;
        this.router = router;
        this.agents = agents;
        this.connected = connected;
        this.clock = clock;
    }

    /** Blocking: call on a worker. */
    Map<String, Object> snapshot() {
        List<Map<String, Object>> queue = new ArrayList<>();
        List<Map<String, Object>> escalations = new ArrayList<>();
        for (ConversationId id : conversations.listByStatus(ConversationStatus.QUEUED)) {
            conversations.find(id).ifPresent(c -> {
                Map<String, Object> row = row(c);
                router.queueStatus(id).ifPresentOrElse(q -> {
                    row.put("position", q.position());
                    row.put("expectedWaitSeconds", q.expectedWaitSeconds());
                }, () -> router.holder(id).ifPresent(agent -> {
                    // out of the queue while an agent is offered it: position 0, as the shopper is told, and who
                    // (the row had no place and no agent)
                    row.put("position", 0);
                    row.put("offeredTo", agent.value());
                }));
                queue.add(row);
                if (waitsForASupervisor(c)) {
                    escalations.add(row);
                }
            });
        }
        queue.sort(Comparator.comparing(r -> ((Number) r.getOrDefault("position", Integer.MAX_VALUE)).intValue()));
        Map<String, Integer> load = new HashMap<>();
        for (ConversationId id : conversations.listByStatus(ConversationStatus.ASSIGNED)) {
            conversations.find(id).ifPresent(c -> {
                load.merge(c.assignedAgent(), 1, Integer::sum);
            });
        }
        List<Map<String, Object>> agentRows = new ArrayList<>();
        Set<AgentId> connectedNow = connected.get();
        for (AgentProfile p : agents.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id().value());
            row.put("name", p.displayName());
            row.put("teams", p.teams());
            row.put("supervisor", p.supervisor());
            row.put("connected", connectedNow.contains(p.id()));
            row.put("open", load.getOrDefault(p.id().value(), 0));
            agentRows.add(row);
        }
        List<Map<String, Object>> breaches = new ArrayList<>();
        for (SlaBreach b : router.breaches(50)) {
            breaches.add(Map.of("conversationId", b.conversationId().value(), "kind",
                    b.kind().name().toLowerCase(java.util.Locale.ROOT), "dueAt", b.dueAt().toString(),
                    "detectedAt", b.detectedAt().toString()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", clock.instant().toString());
        out.put("queue", queue);
        out.put("agents", agentRows);
        out.put("breaches", breaches);
        out.put("escalations", escalations);
        return out;
    }

    /**
     * Queued because an agent escalated it (the latest step), so waiting for a supervisor; offered to one counts.
     * Not the {@code escalation.note} attribute: it stays for the card of whoever has the conversation later, and
     * listed it for as long as the conversation lasted, after a supervisor took it and passed it on.
     */
    static boolean waitsForASupervisor(Conversation c) {
        return c.status() == ConversationStatus.QUEUED && !c.history().isEmpty()
                && AgentDesk.ESCALATED_REASON.equals(c.history().get(c.history().size() - 1).reason());
    }

    private Map<String, Object> row(Conversation c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("conversationId", c.id().value());
        row.put("channel", c.channel().wireName());
        row.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
        row.put("agent", c.assignedAgent());
        row.put("reason", c.attribute("handoff.reason").orElse(null));
        row.put("priority", c.attribute("handoff.priority").orElse(null));
        row.put("waitingSeconds", Duration.between(c.updatedAt(), clock.instant()).toSeconds());
        return row;
    }
}
