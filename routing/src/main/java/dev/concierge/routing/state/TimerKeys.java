package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.sla.SlaKind;

/**
 * Timer names shared by the state implementations: {@code offer|conversation|agent}, {@code sla|KIND|conversation},
 * {@code wake|conversation}. Ids cannot contain '|' (see {@code Ids}).
 */
public final class TimerKeys {
    public static final String OFFER = "offer";
    public static final String SLA = "sla";
    public static final String WAKE = "wake";

    /** A parsed timer name; fields not used by its type are null. */
    public record Parsed(String type, ConversationId conversation, AgentId agent, SlaKind kind) {
    }

    private TimerKeys() {
    }

    public static String offer(ConversationId conversation, AgentId agent) {
        return OFFER + "|" + conversation.value() + "|" + agent.value();
    }

    public static String sla(SlaKind kind, ConversationId conversation) {
        return SLA + "|" + kind.name() + "|" + conversation.value();
    }

    public static String wake(ConversationId conversation) {
        return WAKE + "|" + conversation.value();
    }

    public static Parsed parse(String key) {
        String[] parts = key.split("\\|");
        return switch (parts[0]) {
            case OFFER -> new Parsed(OFFER, new ConversationId(parts[1]), new AgentId(parts[2]), null);
            case SLA -> new Parsed(SLA, new ConversationId(parts[2]), null, SlaKind.valueOf(parts[1]));
            case WAKE -> new Parsed(WAKE, new ConversationId(parts[1]), null, null);
            default -> throw new IllegalArgumentException("unknown timer " + key);
        };
    }
}
