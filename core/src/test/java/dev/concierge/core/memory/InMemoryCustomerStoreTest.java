package dev.concierge.core.memory;

import dev.concierge.core.contract.CustomerStoreContract;
import dev.concierge.core.customer.CustomerStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryCustomerStoreTest implements CustomerStoreContract {
    private CustomerStore customers;

    @BeforeEach
    void setUp() {
        customers = new InMemoryCustomerStore();
    }

    @Override
    public CustomerStore customers() {
        return customers;
    }
}
