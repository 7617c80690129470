package dev.concierge.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static MultiMap forwarded(String... values) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String v : values) {
            headers.add("X-Forwarded-For", v);
        }
        return headers;
    }

    private static SocketAddress peer(String ip) {
        return SocketAddress.inetSocketAddress(40000, ip);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.of(peer("10.0.0.5"), forwarded("203.0.113.9"))).isEqualTo("10.0.0.5");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightMostUntrustedHop() {
        ClientAddress lb = new ClientAddress(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));
        // a client-written first hop is not believed: the balancer appended the real one
        assertThat(lb.of(peer("10.0.0.5"), forwarded("1.2.3.4, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(lb.of(peer("10.0.0.5"), forwarded("203.0.113.9", "10.1.1.1"))).isEqualTo("203.0.113.9");
        assertThat(lb.of(peer("192.168.1.7"), forwarded("2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(lb.of(peer("10.0.0.5"), forwarded())).isEqualTo("10.0.0.5");
        assertThat(lb.of(peer("10.0.0.5"), forwarded("not-an-ip"))).isEqualTo("10.0.0.5");
        // an untrusted peer's header is its own invention
        assertThat(lb.of(peer("198.51.100.2"), forwarded("203.0.113.9"))).isEqualTo("198.51.100.2");
    }

    @Test
    void badEntriesAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new ClientAddress(List.of("lb.example.com"))).hasMessageContaining("trustedProxies");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
