package dev.concierge.bot.dialogue;

import java.util.Map;

/** Which routing skill a topic needs (the skills of the agent accounts) and which flow an intent starts. */
final class Skills {
    static final String GENERAL = "general";

    /** Intents that start a guided flow, and the flow they start. */
    static final Map<String, String> FLOW_OF_INTENT = Map.of(
            "order_status", Flows.ORDER_STATUS,
            "logistics_tracking", Flows.ORDER_STATUS,
            "delivery_time", Flows.DELIVERY_TIME,
            "return_request", Flows.RETURN_EXCHANGE,
            "exchange_request", Flows.RETURN_EXCHANGE,
            "cancel_order", Flows.CANCEL_ORDER,
            "change_address", Flows.CHANGE_ADDRESS,
            "refund_status", Flows.REFUND_STATUS);

    /** The intent that names each flow (a return and an exchange are both the return flow). */
    static final Map<String, String> INTENT_OF_FLOW = Map.of(
            Flows.ORDER_STATUS, "order_status",
            Flows.DELIVERY_TIME, "delivery_time",
            Flows.RETURN_EXCHANGE, "return_request",
            Flows.CANCEL_ORDER, "cancel_order",
            Flows.CHANGE_ADDRESS, "change_address",
            Flows.REFUND_STATUS, "refund_status");

    private static final Map<String, String> SKILL_OF_TOPIC = Map.ofEntries(
            Map.entry(Flows.ORDER_STATUS, "logistics"),
            Map.entry(Flows.DELIVERY_TIME, "logistics"),
            Map.entry(Flows.RETURN_EXCHANGE, "returns"),
            Map.entry(Flows.REFUND_STATUS, "refunds"),
            Map.entry(Flows.CANCEL_ORDER, "orders"),
            Map.entry(Flows.CHANGE_ADDRESS, "orders"),
            Map.entry("logistics_tracking", "logistics"),
            Map.entry("return_request", "returns"),
            Map.entry("exchange_request", "returns"),
            Map.entry("warranty_repair", "returns"),
            Map.entry("refund_policy", "refunds"),
            Map.entry("payment_failed", "orders"),
            Map.entry("payment_methods", "orders"),
            Map.entry("invoice", "orders"),
            Map.entry("complaint", "complaints"),
            Map.entry("account_security", "account_security"),
            Map.entry("password_reset", "account_security"),
            Map.entry("change_account_info", "account_security"),
            Map.entry("privacy_data_deletion", "account_security"),
            Map.entry("product_question", "pre_sale"),
            Map.entry("price_question", "pre_sale"),
            Map.entry("stock_availability", "pre_sale"),
            Map.entry("coupon_promotion", "pre_sale"),
            Map.entry("membership_vip", "pre_sale"));

    private Skills() {
    }

    static String forTopic(String topic) {
        return SKILL_OF_TOPIC.getOrDefault(topic == null ? "" : topic, GENERAL);
    }
}
