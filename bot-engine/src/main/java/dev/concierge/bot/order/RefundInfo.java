package dev.concierge.bot.order;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a refund is.
 *
 * @param status     requested, approved, processing, completed, rejected
 * @param expectedBy the date the money should be back, or null
 */
public record RefundInfo(String orderId, String status, double amount, String currency, LocalDate expectedBy) {

    public RefundInfo {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        currency = currency == null || currency.isBlank() ? "CNY" : currency;
    }
}
