package dev.concierge.channel.outbox;

import dev.concierge.channel.contract.OutboxStoreContract;

class InMemoryOutboxStoreTest implements OutboxStoreContract {
    private final InMemoryOutboxStore store = new InMemoryOutboxStore();

    @Override
    public OutboxStore outbox() {
        return store;
    }
}
