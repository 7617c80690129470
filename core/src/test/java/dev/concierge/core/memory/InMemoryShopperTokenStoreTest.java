package dev.concierge.core.memory;

import dev.concierge.core.contract.ShopperTokenStoreContract;
import dev.concierge.core.customer.ShopperTokenStore;

class InMemoryShopperTokenStoreTest implements ShopperTokenStoreContract {
    private final ShopperTokenStore tokens = new InMemoryShopperTokenStore();

    @Override
    public ShopperTokenStore tokens() {
        return tokens;
    }
}
