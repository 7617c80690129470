package dev.concierge.routing.ticket;

import dev.concierge.routing.contract.TicketStoreContract;

class InMemoryTicketStoreTest implements TicketStoreContract {
    private final TicketStore tickets = new InMemoryTicketStore();
    private final CsatStore csat = new InMemoryCsatStore();

    @Override
    public TicketStore tickets() {
        return tickets;
    }

    @Override
    public CsatStore csat() {
        return csat;
    }
}
