package dev.concierge.server.bench;

import java.util.List;

/**
 * What the load generator's simulated customers say: FAQ questions, the start of guided flows and, now and then,
 * a request for a human, in Chinese and English. Picked in a fixed rotation per customer (no randomness), so two
 * runs with the same options send the same messages.
 */
final class LoadScript {
    private static final List<String> EN = List.of(
            "How long does a refund take to reach my card?",
            "Can I return something I bought 5 days ago without a reason?",
            "Which payment methods do you accept?",
            "How do I get an invoice for my order?",
            "Where is my order?",
            "How long is the warranty?",
            "What are your customer service hours?",
            "How do I use a coupon at checkout?",
            "Can I exchange shoes for a different size?",
            "How much is shipping?",
            "I want to change my delivery address",
            "Is my personal data deleted if I close my account?");
    private static final List<String> ZH = List.of(
            "退款多久能到账？",
            "七天无理由退货怎么申请？",
            "支持哪些付款方式？",
            "怎么开发票？",
            "我的快递到哪了",
            "保修期是多久？",
            "客服几点上班？",
            "优惠券怎么用？",
            "衣服尺码不合适可以换吗",
            "运费怎么算？",
            "我想修改收货地址",
            "注销账号后我的个人信息会删除吗");
    private static final String HUMAN_EN = "I want to talk to a human agent please";
    private static final String HUMAN_ZH = "转人工客服";

    private final int handoffEvery;

    /** @param handoffEvery one message in this many asks for a human (0 = never) */
    LoadScript(int handoffEvery) {
        this.handoffEvery = handoffEvery;
    }

    /** The {@code n}-th message of customer {@code customer}. */
    String message(int customer, long n, boolean chinese) {
        List<String> texts = chinese ? ZH : EN;
        if (handoffEvery > 0 && (n + customer) % handoffEvery == handoffEvery - 1) {
            return chinese ? HUMAN_ZH : HUMAN_EN;
        }
        return texts.get((int) ((n + customer * 7L) % texts.size()));
    }

    /** An FAQ question for the SMS and email customers (never a handoff: those wait for an agent). */
    String question(int customer, long n, boolean chinese) {
        List<String> texts = chinese ? ZH : EN;
        return texts.get((int) ((n * 5 + customer) % texts.size()));
    }
}
