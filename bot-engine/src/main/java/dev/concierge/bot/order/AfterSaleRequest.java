package dev.concierge.bot.order;

import java.util.List;
import java.util.Objects;

/** A return or exchange the shopper asked for, with the photos they sent (attachment references). */
public record AfterSaleRequest(String orderId, AfterSaleType type, String reason, List<String> photoReferences) {

    public AfterSaleRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
        photoReferences = List.copyOf(photoReferences);
    }
}
