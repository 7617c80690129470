package dev.concierge.bot.order;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order as the order API returns it.
 *
 * @param totalAmount in the currency's main unit (yuan, dollars)
 * @param deliveredAt null until delivered
 */
public record Order(String orderId, String customerId, OrderStatus status, double totalAmount, String currency,
        List<OrderItem> items, String shippingAddress, Instant createdAt, Instant deliveredAt, String carrier,
        String trackingNumber) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!(totalAmount >= 0)) {
            throw new IllegalArgumentException("totalAmount must be >= 0");
        }
        currency = currency == null || currency.isBlank() ? "CNY" : currency;
        items = List.copyOf(items);
        shippingAddress = shippingAddress == null ? "" : shippingAddress;
    }

    public Order withStatus(OrderStatus newStatus) {
        return new Order(orderId, customerId, newStatus, totalAmount, currency, items, shippingAddress, createdAt,
                deliveredAt, carrier, trackingNumber);
    }

    public Order withAddress(String newAddress) {
        return new Order(orderId, customerId, status, totalAmount, currency, items, newAddress, createdAt, deliveredAt,
                carrier, trackingNumber);
    }

    /** One line of an order. */
    public record OrderItem(String sku, String name, int quantity, double unitPrice) {
        public OrderItem {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(name, "name");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be >= 1");
            }
        }
    }
}
