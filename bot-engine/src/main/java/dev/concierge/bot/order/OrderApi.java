package dev.concierge.bot.order;

import java.util.List;
import java.util.Set;

/**
 * The platform's order and logistics API, as the dialogue engine needs it (contract: docs/order-api.md).
 * Every method may block up to the client's time budget and throws {@link OrderApiException} on any failure:
 * NOT_FOUND, REJECTED (e.g. not cancellable in this state) or UNAVAILABLE (timeout, 5xx, malformed reply).
 * Implementations are thread-safe.
 */
public interface OrderApi {

    Order order(String orderId);

    /** The customer's most recent orders, newest first, at most {@code limit}. */
    List<Order> recentOrders(String customerId, int limit);

    /**
     * The customer's most recent orders in one of {@code statuses}, newest first, at most {@code limit}: the delivered
     * ones a return can take, even when newer unshipped orders would fill the plain list.
     */
    default List<Order> recentOrders(String customerId, int limit, Set<OrderStatus> statuses) {
        return recentOrders(customerId, limit).stream().filter(o -> statuses.contains(o.status())).toList();
    }

    Tracking tracking(String orderId);

    AfterSaleTicket createAfterSale(AfterSaleRequest request);

    /** Cancels the order; REJECTED when it is past the cancellable states. Returns the updated order. */
    Order cancel(String orderId, String reason);

    /** Changes the delivery address; REJECTED once shipped. Returns the updated order. */
    Order changeAddress(String orderId, String newAddress);

    /** The refund of the order; NOT_FOUND when there is none. */
    RefundInfo refundStatus(String orderId);
}
