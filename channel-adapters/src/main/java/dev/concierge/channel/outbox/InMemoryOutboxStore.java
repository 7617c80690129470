package dev.concierge.channel.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded default; loses its content on restart, like every in-memory store. */
public final class InMemoryOutboxStore implements OutboxStore {
    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();
    private final Map<String, String> receipts = new HashMap<>();

    @Override
    public synchronized void add(OutboxEntry entry) {
        if (entries.putIfAbsent(entry.id(), entry) != null) {
            throw new IllegalStateException("outbox entry exists: " + entry.id());
        }
    }

    @Override
    public synchronized void update(OutboxEntry entry) {
        if (!entries.containsKey(entry.id())) {
            throw new IllegalStateException("no outbox entry " + entry.id());
        }
        entries.put(entry.id(), entry);
    }

    @Override
    public synchronized int forgetConversation(dev.concierge.core.conversation.ConversationId conversation) {
        int before = entries.size();
        entries.values().removeIf(e -> e.message().conversationId().equals(conversation));
        return before - entries.size();
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<OutboxEntry> due = new ArrayList<>();
        for (OutboxEntry e : entries.values()) {
            if (e.status() == OutboxStatus.PENDING && !e.nextAttemptAt().isAfter(now)) {
                due.add(e);
            }
        }
        due.sort(Comparator.comparing(OutboxEntry::nextAttemptAt));
        List<OutboxEntry> claimed = new ArrayList<>();
        for (OutboxEntry e : due.subList(0, Math.min(limit, due.size()))) {
            OutboxEntry leased = e.leasedUntil(leaseUntil);
            entries.put(e.id(), leased);
            claimed.add(leased);
        }
        return claimed;
    }

    @Override
    public synchronized long pendingCount() {
        return entries.values().stream().filter(e -> e.status() == OutboxStatus.PENDING).count();
    }

    @Override
    public synchronized void recordDeliveryStatus(String providerMessageId, String status) {
        receipts.put(providerMessageId, status);
    }

    @Override
    public synchronized Optional<String> deliveryStatus(String providerMessageId) {
        return Optional.ofNullable(receipts.get(providerMessageId));
    }
}
