package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.ShopperTokenStore;
import org.junit.jupiter.api.Test;

public interface ShopperTokenStoreContract {

    ShopperTokenStore tokens();

    @Test
    default void bindsOnceAndKeepsTheFirstToken() {
        CustomerId c = CustomerId.random();
        assertThat(tokens().tokenHash(c)).isEmpty();
        assertThat(tokens().bindIfAbsent(c, "hash-1")).isTrue();
        assertThat(tokens().bindIfAbsent(c, "hash-2")).isFalse();
        assertThat(tokens().tokenHash(c)).contains("hash-1");
        tokens().delete(c);
        assertThat(tokens().tokenHash(c)).isEmpty();
    }
}
