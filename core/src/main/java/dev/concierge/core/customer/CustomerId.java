package dev.concierge.core.customer;

import dev.concierge.core.Ids;
import java.util.UUID;

public record CustomerId(String value) {
    public CustomerId {
        Ids.requireSafe(value, "customer id");
    }

    public static CustomerId random() {
        return new CustomerId("u-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
