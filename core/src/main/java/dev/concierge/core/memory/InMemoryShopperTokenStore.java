package dev.concierge.core.memory;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.ShopperTokenStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryShopperTokenStore implements ShopperTokenStore {
    private final Map<CustomerId, String> hashes = new ConcurrentHashMap<>();

    @Override
    public boolean bindIfAbsent(CustomerId customer, String tokenHash) {
        return hashes.putIfAbsent(customer, tokenHash) == null;
    }

    @Override
    public Optional<String> tokenHash(CustomerId customer) {
        return Optional.ofNullable(hashes.get(customer));
    }

    @Override
    public void delete(CustomerId customer) {
        hashes.remove(customer);
    }
}
