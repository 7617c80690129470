package dev.concierge.core.memory;

import dev.concierge.core.contract.CustomerLocksContract;
import dev.concierge.core.customer.CustomerLocks;

class InMemoryCustomerLocksTest implements CustomerLocksContract {
    private final CustomerLocks locks = new InMemoryCustomerLocks();

    @Override
    public CustomerLocks locks() {
        return locks;
    }

    /** One node: the same instance is all there is. */
    @Override
    public CustomerLocks otherNode() {
        return locks;
    }
}
