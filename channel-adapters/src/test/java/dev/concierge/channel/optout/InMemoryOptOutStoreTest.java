package dev.concierge.channel.optout;

import dev.concierge.channel.contract.OptOutStoreContract;

class InMemoryOptOutStoreTest implements OptOutStoreContract {
    private final InMemoryOptOutStore store = new InMemoryOptOutStore();

    @Override
    public OptOutStore optOuts() {
        return store;
    }
}
