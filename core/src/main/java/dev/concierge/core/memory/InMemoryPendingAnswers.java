package dev.concierge.core.memory;

import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.PendingAnswers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PendingAnswers} of one process. */
public final class InMemoryPendingAnswers implements PendingAnswers {
    private record Entry(String payload, Instant due) {
    }

    private final Map<MessageId, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void add(MessageId message, String payload, Instant due) {
        entries.put(message, new Entry(payload, due));
    }

    @Override
    public synchronized void remove(MessageId message) {
        entries.remove(message);
    }

    @Override
    public synchronized List<String> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<String> claimed = new ArrayList<>();
        for (Map.Entry<MessageId, Entry> e : entries.entrySet()) {
            if (claimed.size() >= limit) {
                break;
            }
            if (!e.getValue().due().isAfter(now)) {
                claimed.add(e.getValue().payload());
                e.setValue(new Entry(e.getValue().payload(), leaseUntil));
            }
        }
        return claimed;
    }
}
