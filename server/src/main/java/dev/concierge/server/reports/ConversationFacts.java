package dev.concierge.server.reports;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What the reports need to know about one conversation, read from its status history and attributes. */
final class ConversationFacts {
    private ConversationFacts() {
    }

    static Figures of(Conversation c) {
        Instant queuedAt = null;
        int closings = 0;
        for (StatusChange step : c.history()) {
            if (step.status() == ConversationStatus.QUEUED && queuedAt == null) {
                queuedAt = step.at();
            }
            if (step.status() == ConversationStatus.CLOSED) {
                closings++;
            }
        }
        boolean handedOff = queuedAt != null;
        boolean closed = c.status() == ConversationStatus.CLOSED;
        boolean closedByAgent = handedOff && closed;
        String disposition = c.attribute("disposition").orElse("");
        boolean resolved = disposition.isEmpty() || disposition.toLowerCase(Locale.ROOT).startsWith("resolved");
        boolean fcr = closedByAgent && resolved && closings == 1 && c.attribute("transfer.from").isEmpty()
                && c.attribute("ticket.id").isEmpty();
        String reason = c.attribute("handoff.reason").orElse("") + " " + c.attribute("handoff.intent").orElse("");
        boolean complaint = reason.toLowerCase(Locale.ROOT).contains("complaint");
        int firstResponses = 0;
        double firstResponseSeconds = 0;
        if (handedOff && c.attribute("agent.firstResponseAt").isPresent()) {
            try {
                Instant answered = Instant.parse(c.attribute("agent.firstResponseAt").get());
                firstResponses = 1;
                firstResponseSeconds = Math.max(0, Duration.between(queuedAt, answered).toMillis() / 1000.0);
            } catch (java.time.format.DateTimeParseException ignored) {
                // an unreadable timestamp is left out of the average rather than failing the report
            }
        }
        int csat = 0;
        try {
            csat = c.attribute("csat.score").map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException ignored) {
            csat = 0;
        }
        boolean answered = csat >= 1 && csat <= 5;
        return new Figures(1, handedOff ? 1 : 0, handedOff ? 0 : 1, closedByAgent ? 1 : 0, fcr ? 1 : 0,
                complaint ? 1 : 0, firstResponses, firstResponseSeconds, answered ? 1 : 0, answered ? csat : 0,
                answered && csat >= 4 ? 1 : 0);
    }
}
