package dev.concierge.core.memory;

import dev.concierge.core.bus.MessageBus;
import dev.concierge.core.contract.MessageBusContract;

class InMemoryMessageBusTest implements MessageBusContract {
    private final MessageBus bus = new InMemoryMessageBus();

    @Override
    public MessageBus nodeA() {
        return bus;
    }

    @Override
    public MessageBus nodeB() {
        return bus;
    }
}
