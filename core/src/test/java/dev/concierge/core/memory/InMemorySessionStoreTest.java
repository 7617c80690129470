package dev.concierge.core.memory;

import dev.concierge.core.auth.SessionStore;
import dev.concierge.core.contract.SessionStoreContract;

class InMemorySessionStoreTest implements SessionStoreContract {
    private final SessionStore sessions = new InMemorySessionStore();

    @Override
    public SessionStore sessions() {
        return sessions;
    }
}
