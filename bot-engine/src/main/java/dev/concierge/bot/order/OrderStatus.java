package dev.concierge.bot.order;

import java.util.Locale;

/** Where an order is in its life; wire names are the lower-case constant names. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDING, REFUNDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Cancellable by the shopper without a human: not paid yet, or paid but not shipped. */
    public boolean cancellable() {
        return this == PENDING_PAYMENT || this == PAID;
    }

    /** The delivery address may still change: nothing has left the warehouse. */
    public boolean addressChangeable() {
        return this == PENDING_PAYMENT || this == PAID;
    }
}
