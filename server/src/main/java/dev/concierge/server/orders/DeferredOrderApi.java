package dev.concierge.server.orders;

import dev.concierge.bot.order.AfterSaleRequest;
import dev.concierge.bot.order.AfterSaleTicket;
import dev.concierge.bot.order.Order;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiException;
import dev.concierge.bot.order.RefundInfo;
import dev.concierge.bot.order.Tracking;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The order API client, bound once the server knows its own port: the embedded demo order service is served by
 * this very server, so its URL exists only after listening. Until then every call fails as "unavailable",
 * which the flows already turn into an apology and a handoff.
 */
public final class DeferredOrderApi implements OrderApi {
    private final AtomicReference<OrderApi> target = new AtomicReference<>();

    public void bind(OrderApi api) {
        target.set(api);
    }

    private OrderApi api() {
        OrderApi api = target.get();
        if (api == null) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, "order API not bound yet");
        }
        return api;
    }

    @Override
    public Order order(String orderId) {
        return api().order(orderId);
    }

    @Override
    public List<Order> recentOrders(String customerId, int limit) {
        return api().recentOrders(customerId, limit);
    }

    @Override
    public Tracking tracking(String orderId) {
        return api().tracking(orderId);
    }

    @Override
    public AfterSaleTicket createAfterSale(AfterSaleRequest request) {
        return api().createAfterSale(request);
    }

    @Override
    public Order cancel(String orderId, String reason) {
        return api().cancel(orderId, reason);
    }

    @Override
    public Order changeAddress(String orderId, String newAddress) {
        return api().changeAddress(orderId, newAddress);
    }

    @Override
    public RefundInfo refundStatus(String orderId) {
        return api().refundStatus(orderId);
    }
}
