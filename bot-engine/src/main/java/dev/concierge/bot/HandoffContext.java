package dev.concierge.bot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The context card an agent receives with a handoff, so the shopper never has to repeat themselves. Personal data
 * in {@code summary} and {@code lastCustomerText} is masked; entities keep order numbers readable.
 *
 * @param summary          one or two sentences: what the shopper wanted, what the bot did, why it hands off
 * @param reason           the handoff reason (human_request, low_confidence, negative_sentiment, complaint,
 *                         account_security, vip, high_value_order, needs_human_decision, backend_failure)
 * @param priority         0 normal, higher more urgent (same as the decision's)
 * @param sentiment        negative, neutral or positive
 * @param sentimentScore   probability that the shopper is upset, 0..1
 * @param language         "zh" or "en"
 * @param intentPath       the intents of the conversation's turns, oldest first (at most the last 10)
 * @param entities         extracted entities by kind (order_number, phone, email, amount, date); phones, emails and
 *                         card numbers among the order numbers masked
 * @param botActions       what the bot answered or tried, oldest first (e.g. "faq:return_7_day_no_reason", "flow:return/ask_photo")
 * @param order            the order under discussion, or null
 */
public record HandoffContext(String summary, String reason, int priority, String sentiment, double sentimentScore,
        String language, List<String> intentPath, Map<String, List<String>> entities, List<String> botActions,
        OrderSnapshot order) {

    public HandoffContext {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(language, "language");
        if (!(sentimentScore >= 0.0 && sentimentScore <= 1.0)) {
            throw new IllegalArgumentException("sentimentScore must be within [0, 1]");
        }
        intentPath = List.copyOf(intentPath);
        Map<String, List<String>> copy = new TreeMap<>();
        entities.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        entities = Map.copyOf(copy);
        botActions = List.copyOf(botActions);
    }

    /** The card of a handoff that carries nothing but its reason. */
    public static HandoffContext minimal(String reason, int priority, String language) {
        return new HandoffContext("", reason, priority, "neutral", 0.0, language, List.of(), Map.of(), List.of(), null);
    }

    /**
     * The order as the bot last saw it from the order API.
     *
     * @param totalAmount in the currency's main unit (yuan, dollars)
     */
    public record OrderSnapshot(String orderId, String status, double totalAmount, String currency, List<String> items,
            String trackingNumber, String carrier) {
        public OrderSnapshot {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(status, "status");
            items = List.copyOf(items);
            currency = currency == null ? "CNY" : currency;
        }
    }
}
