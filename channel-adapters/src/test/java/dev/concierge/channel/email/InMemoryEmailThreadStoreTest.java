package dev.concierge.channel.email;

import dev.concierge.channel.contract.EmailThreadStoreContract;

class InMemoryEmailThreadStoreTest implements EmailThreadStoreContract {
    private final InMemoryEmailThreadStore store = new InMemoryEmailThreadStore();

    @Override
    public EmailThreadStore threads() {
        return store;
    }
}
