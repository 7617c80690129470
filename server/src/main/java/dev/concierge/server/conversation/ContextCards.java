package dev.concierge.server.conversation;

import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.SenderRole;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context card an agent gets with an offer: who the customer is, why the bot handed over, and the whole
 * transcript, so the customer never has to repeat themselves.
 */
public final class ContextCards {
    /** Conversation attributes written at handoff time. */
    public static final String REASON = "handoff.reason";
    public static final String INTENT = "handoff.intent";
    public static final String PRIORITY = "handoff.priority";
    public static final String SKILLS = "handoff.skills";
    public static final String SUMMARY = "handoff.summary";
    public static final String SENTIMENT = "handoff.sentiment";
    public static final String ENTITIES = "handoff.entities";
    public static final String INTENT_PATH = "handoff.intentPath";
    public static final String BOT_ACTIONS = "handoff.botActions";
    public static final String ORDER = "handoff.order";
    /** How many of the newest messages an offer's card carries (the assignment carries them all). */
    public static final int OFFER_TRANSCRIPT_MESSAGES = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<String>>> ENTITY_MAP = new TypeReference<>() {
    };

    private ContextCards() {
    }

    /** The handoff's entities as stored in {@link #ENTITIES}: a JSON object of kind to values, kinds sorted. */
    static String entitiesAttribute(Map<String, List<String>> entities) {
        try {
            return MAPPER.writeValueAsString(new java.util.TreeMap<>(entities));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode entities", e);
        }
    }

    /** The stored entities as an object for the card; a value stored before they were JSON stays the text it was. */
    private static Object entitiesOf(String stored) {
        try {
            return MAPPER.readValue(stored, ENTITY_MAP);
        } catch (JsonProcessingException e) {
            return stored;
        }
    }

    public static Map<String, Object> build(Conversation conversation, Customer customer, List<Message> transcript) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("conversationId", conversation.id().value());
        card.put("channel", conversation.channel().wireName());
        card.put("status", conversation.status().name().toLowerCase(java.util.Locale.ROOT));
        card.put("language", conversation.locale());
        card.put("openedAt", conversation.createdAt().toString());
        card.put("owner", conversation.owner());
        card.put("assignedAgent", conversation.assignedAgent());
        conversation.attribute("csat.score").ifPresent(s -> card.put("csat", Integer.parseInt(s)));
        conversation.attribute("ticket.id").ifPresent(s -> card.put("ticketId", s));
        Map<String, Object> handoff = new LinkedHashMap<>();
        handoff.put("reason", conversation.attribute(REASON).orElse(""));
        handoff.put("intent", conversation.attribute(INTENT).orElse(""));
        handoff.put("priority", Integer.parseInt(conversation.attribute(PRIORITY).orElse("0")));
        handoff.put("skills", conversation.attribute(SKILLS).map(s -> List.of(s.split(","))).orElse(List.of()));
        conversation.attribute(SENTIMENT).ifPresent(s -> handoff.put("sentiment", s));
        conversation.attribute(ENTITIES).ifPresent(s -> handoff.put("entities", entitiesOf(s)));
        conversation.attribute(INTENT_PATH).filter(s -> !s.isEmpty()).ifPresent(s -> handoff.put("intentPath", s));
        conversation.attribute(BOT_ACTIONS).filter(s -> !s.isEmpty()).ifPresent(s -> handoff.put("botActions", s));
        conversation.attribute(ORDER).ifPresent(s -> handoff.put("order", s));
        conversation.attribute("transfer.from").ifPresent(s -> handoff.put("transferredFrom", s));
        conversation.attribute("transfer.note").ifPresent(s -> handoff.put("transferNote", s));
        conversation.attribute("escalation.note").ifPresent(s -> handoff.put("escalationNote", s));
        card.put("handoff", handoff);
        card.put("summary", conversation.attribute(SUMMARY).orElseGet(() -> summarise(transcript)));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", customer.id().value());
        profile.put("name", customer.displayName());
        profile.put("vipTier", customer.vipTier());
        profile.put("locale", customer.locale());
        profile.put("identities", customer.identities().stream().map(i -> Map.of(
                "type", i.type().name().toLowerCase(java.util.Locale.ROOT), "value", i.value())).toList());
        card.put("customer", profile);
        card.put("transcript", transcript.stream().map(WireMessages::toWire).toList());
        return card;
    }

    /** Without a bot-made summary: the customer's last few messages, newest last. */
    static String summarise(List<Message> transcript) {
        List<String> said = transcript.stream()
                .filter(m -> m.senderRole() == SenderRole.CUSTOMER && !m.text().isBlank())
                .map(Message::text)
                .toList();
        List<String> last = said.subList(Math.max(0, said.size() - 3), said.size());
        String joined = String.join(" / ", last);
        return joined.length() > 300 ? joined.substring(0, 297) + "..." : joined;
    }
}
