package dev.concierge.routing.state;

import dev.concierge.core.conversation.ConversationId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.sla.SlaBreach;
import java.util.Objects;

/** A timer that came due and was claimed by this node (exactly one node fires each timer). */
public sealed interface Fired {

    /** The offer expired and the conversation went back to the queue. */
    record OfferExpired(ConversationId conversationId, AgentId agent) implements Fired {
        public OfferExpired {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /** An SLA was breached (already recorded in the breach list). */
    record Breached(SlaBreach breach) implements Fired {
        public Breached {
            Objects.requireNonNull(breach, "breach");
        }
    }

    /** A preferred-agent window ended: the conversation may now go to anyone. */
    record PreferenceEnded(ConversationId conversationId) implements Fired {
        public PreferenceEnded {
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }
}
