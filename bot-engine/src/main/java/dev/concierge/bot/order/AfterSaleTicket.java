package dev.concierge.bot.order;

import java.util.Objects;

/** The after-sale request the order system created. */
public record AfterSaleTicket(String ticketId, String orderId, AfterSaleType type, String status) {

    public AfterSaleTicket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        status = status == null ? "created" : status;
    }
}
