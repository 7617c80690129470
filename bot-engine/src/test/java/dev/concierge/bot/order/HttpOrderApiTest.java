package dev.concierge.bot.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpOrderApiTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static DemoOrderBackend backend;
    private final OrderApi api = new HttpOrderApi(backend.settings(Duration.ofSeconds(2)));

    @BeforeAll
    static void start() {
        backend = new DemoOrderBackend(CLOCK);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void demo() {
        backend.reset(DemoOrderBackend.Mode.DEMO);
    }

    @Test
    void reads_orders_tracking_and_refunds_from_the_demo_service() {
        Order shipped = api.order("DD20261103003");
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.items()).hasSize(1);
        assertThat(api.tracking("DD20261103003").estimatedDelivery()).hasToString("2026-11-24");
        assertThat(api.refundStatus("DD20261107007").status()).isEqualTo("processing");
        List<Order> recent = api.recentOrders("someone-new", 3);
        assertThat(recent).hasSize(3);
        assertThat(recent.get(0).createdAt()).isAfterOrEqualTo(recent.get(1).createdAt());
        backend.server().verify(getRequestedFor(urlEqualTo(DemoOrderBackend.PREFIX + "/orders/DD20261103003"))
                .withHeader("Authorization", equalTo("Bearer test-token")));
    }

    @Test
    void writes_cancel_address_and_after_sale_requests() {
        assertThat(api.cancel("DD20261101001", "test").status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(api.changeAddress("DD20261102002", "1 Main St").shippingAddress()).isEqualTo("1 Main St");
        AfterSaleTicket ticket = api.createAfterSale(new AfterSaleRequest("DD20261104004", AfterSaleType.EXCHANGE,
                "broken", List.of("att-1")));
        assertThat(ticket.type()).isEqualTo(AfterSaleType.EXCHANGE);
        assertThat(ticket.ticketId()).startsWith("AS");
    }

    @Test
    void state_conflicts_are_rejected_and_unknown_orders_not_found() {
        assertThatThrownBy(() -> api.cancel("DD20261103003", "x")).isInstanceOfSatisfying(OrderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.REJECTED));
        assertThatThrownBy(() -> api.changeAddress("DD20261103003", "1 Main St"))
                .isInstanceOfSatisfying(OrderApiException.class, e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.REJECTED));
        assertThatThrownBy(() -> api.order("DD00000000000")).isInstanceOfSatisfying(OrderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.NOT_FOUND));
    }

    @Test
    void server_errors_are_unavailable() {
        backend.reset(DemoOrderBackend.Mode.ERROR_500);
        assertUnavailable(() -> api.order("DD20261103003"));
    }

    @Test
    void malformed_json_is_unavailable() {
        backend.reset(DemoOrderBackend.Mode.MALFORMED);
        assertUnavailable(() -> api.order("DD20261103003"));
        backend.server().stubFor(get(urlEqualTo(DemoOrderBackend.PREFIX + "/orders/X1")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"orderId\":\"X1\",\"status\":\"teleported\"}")));
        assertUnavailable(() -> api.order("X1"));
    }

    @Test
    void a_reply_slower_than_the_budget_is_unavailable_within_the_budget() {
        backend.reset(DemoOrderBackend.Mode.SLOW);
        OrderApi impatient = new HttpOrderApi(backend.settings(Duration.ofMillis(800)));
        long start = System.nanoTime();
        assertUnavailable(() -> impatient.order("DD20261103003"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2400));
    }

    @Test
    void a_refused_connection_is_unavailable() {
        OrderApi nowhere = new HttpOrderApi(new OrderApiSettings(URI.create("http://127.0.0.1:9/api"), "",
                Duration.ofMillis(300), Duration.ofMillis(500)));
        assertUnavailable(() -> nowhere.order("DD20261103003"));
    }

    @Test
    void settings_are_validated() {
        assertThatThrownBy(() -> OrderApiSettings.of("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderApiSettings(URI.create("http://x"), "", Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OrderApiSettings.of("http://127.0.0.1:8080/demo/order-api/v1/").baseUrl())
                .hasToString("http://127.0.0.1:8080/demo/order-api/v1");
        assertThat(OrderApiSettings.of("http://x").requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        OrderApiSettings fromEnv = OrderApiSettings.fromEnvironment(java.util.Map.of(
                "CONCIERGE_ORDER_API_URL", "https://orders.example/api/v1", "CONCIERGE_ORDER_API_AUTH", "Bearer t",
                "CONCIERGE_ORDER_API_TIMEOUT_MS", "1500"), "http://127.0.0.1:8080/demo/order-api/v1");
        assertThat(fromEnv.baseUrl()).hasToString("https://orders.example/api/v1");
        assertThat(fromEnv.authHeader()).isEqualTo("Bearer t");
        assertThat(fromEnv.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(OrderApiSettings.fromEnvironment(java.util.Map.of(), "http://127.0.0.1:8080/demo/order-api/v1")
                .baseUrl()).hasToString("http://127.0.0.1:8080/demo/order-api/v1");
        assertThatThrownBy(() -> OrderApiSettings.fromEnvironment(java.util.Map.of("CONCIERGE_ORDER_API_TIMEOUT_MS", "soon"),
                "http://x")).hasMessageContaining("CONCIERGE_ORDER_API_TIMEOUT_MS");
    }

    private static void assertUnavailable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OrderApiException.class,
                e -> assertThat(e.kind()).isEqualTo(OrderApiException.Kind.UNAVAILABLE));
    }
}
