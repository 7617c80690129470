package dev.concierge.kb;

import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.Scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small hand-made entries for fast, deterministic tests. */
public final class TestEntries {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestEntries() {
    }

    public static FaqEntry refund() {
        return new FaqEntry("refund_arrival_time", "refunds", Scenario.AFTER_SALE,
                Map.of("en", List.of("How long does a refund take", "When will I get my money back"),
                        "zh", List.of("退款多久到账", "钱什么时候退回来")),
                Map.of("en", "Refunds arrive within 1-3 working days.", "zh", "退款1-3个工作日到账。"),
                Map.of("en", "Refund: 1-3 working days.", "zh", "退款1-3个工作日到账"),
                List.of("refund"), T0);
    }

    public static FaqEntry shipping() {
        return new FaqEntry("shipping_time", "shipping", Scenario.IN_SALE,
                Map.of("en", List.of("How long does shipping take", "When will my parcel be delivered"),
                        "zh", List.of("几天能到货", "多久发货")),
                Map.of("en", "Orders ship within 24 hours and arrive in 1-3 days.", "zh", "付款后24小时内发货，1-3天送达。"),
                Map.of(), List.of(), T0);
    }

    public static FaqEntry password() {
        return new FaqEntry("account_password_reset", "account", Scenario.IN_SALE,
                Map.of("en", List.of("I forgot my password", "How do I reset my password, quickly?")),
                Map.of("en", "Tap \"Forgot password\" on the login page.\nThen follow the SMS code."),
                Map.of(), List.of("account", "password"), T0);
    }

    public static List<FaqEntry> all() {
        return List.of(refund(), shipping(), password());
    }
}
