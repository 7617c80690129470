package dev.concierge.bot.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded demo called in process: the same requests, JSON and error mapping as over HTTP. */
class InProcessOrderApiTest {
    private final OrderApi api = HttpOrderApi.inProcess(DemoOrderService.seeded(HttpOrderApiTest.CLOCK),
            new OrderApiSettings(URI.create("http://127.0.0.1/demo/order-api/v1"), "", null, Duration.ofSeconds(2)));

    @Test
    void readsAndChangesOrdersThroughTheJsonContract() {
        assertThat(api.order("DD20261103003").status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(api.tracking("DD20261103003").estimatedDelivery()).hasToString("2026-11-24");
        List<Order> recent = api.recentOrders("someone-new", 3);
        assertThat(recent).hasSize(3);
        assertThat(api.cancel("DD20261101001", "test").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(api.changeAddress("DD20261102002", "1 Main St").shippingAddress()).isEqualTo("1 Main St");
    }

    @Test
    void conflictsAndUnknownOrdersMapToTheSameErrorsAsOverHttp() {
        assertThatThrownBy(() -> api.cancel("DD20261103003", "x")).isInstanceOfSatisfying(OrderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.REJECTED));
        assertThatThrownBy(() -> api.order("DD00000000000")).isInstanceOfSatisfying(OrderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.NOT_FOUND));
    }
}
