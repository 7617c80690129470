package dev.concierge.core.memory;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Customer locks for one node: a fixed set of stripes, a customer always maps to the same one. */
public final class InMemoryCustomerLocks implements CustomerLocks {
    private final ReentrantLock[] stripes;

    public InMemoryCustomerLocks() {
        this(256);
    }

    public InMemoryCustomerLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public <T> T withLock(CustomerId customer, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(customer.value().hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
