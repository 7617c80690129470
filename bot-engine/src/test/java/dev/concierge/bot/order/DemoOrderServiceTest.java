package dev.concierge.bot.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoOrderServiceTest {
    private final DemoOrderService demo = DemoOrderService.seeded(
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void serves_the_contract_paths() {
        assertThat(demo.handle("GET", "/orders/DD20261103003", "").status()).isEqualTo(200);
        assertThat(demo.handle("GET", "/orders/dd20261103003/tracking", null).body()).contains("SF1234567890");
        assertThat(demo.handle("GET", "/customers/u-1/orders?limit=2", "").body()).contains("\"orders\"");
        assertThat(demo.handle("GET", "/orders/DD20261104004/refund", "").status()).isEqualTo(404);
        assertThat(demo.handle("POST", "/orders/DD20261104004/after-sales", "{\"type\":\"return\"}").status()).isEqualTo(201);
    }

    @Test
    void lists_only_the_orders_in_the_states_asked_for() {
        String delivered = demo.handle("GET", "/customers/u-1/orders?limit=3&status=delivered", "").body();
        assertThat(delivered).contains("DD20261108008", "DD20261104004", "DD20261109009")
                .doesNotContain("DD20261101001", "DD20261103003");
        assertThat(demo.handle("GET", "/customers/u-1/orders?limit=3&status=refunding%2Crefunded", "").body())
                .contains("DD20261107007");
        assertThat(demo.handle("GET", "/customers/u-1/orders?status=lost", "").status()).isEqualTo(400);
    }

    @Test
    void enforces_the_order_states() {
        assertThat(demo.handle("POST", "/orders/DD20261103003/cancel", "{}").status()).isEqualTo(409);
        assertThat(demo.handle("POST", "/orders/DD20261102002/cancel", "{}").status()).isEqualTo(200);
        assertThat(demo.handle("GET", "/orders/DD20261102002/refund", "").status()).isEqualTo(200);
        assertThat(demo.handle("PUT", "/orders/DD20261103003/address", "{\"address\":\"x road 1\"}").status()).isEqualTo(409);
        assertThat(demo.handle("POST", "/orders/DD20261103003/after-sales", "{\"type\":\"return\"}").status()).isEqualTo(409);
    }

    @Test
    void rejects_bad_requests_cleanly() {
        assertThat(demo.handle("GET", "/nothing", "").status()).isEqualTo(404);
        assertThat(demo.handle("GET", "/orders/NOPE", "").status()).isEqualTo(404);
        assertThat(demo.handle("DELETE", "/orders/DD20261103003", "").status()).isEqualTo(405);
        assertThat(demo.handle("PUT", "/orders/DD20261102002/address", "not json").status()).isEqualTo(400);
        assertThat(demo.handle("PUT", "/orders/DD20261102002/address", "{}").status()).isEqualTo(400);
        assertThat(demo.handle("POST", "/orders/DD20261104004/after-sales", "{\"type\":\"steal\"}").status()).isEqualTo(400);
    }
}
