package dev.concierge.core.customer;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Customers and the index from each identity to its customer. Thread-safe; blocking. */
public interface CustomerStore {

    Optional<Customer> find(CustomerId id);

    Optional<Customer> findByIdentity(Identity identity);

    /**
     * The customer known by this identity, created atomically if there is none, so two channels racing on the
     * same new phone number end up with one customer.
     */
    Customer findOrCreate(Identity identity, Instant now);

    /**
     * Adds an identity to a customer.
     *
     * @throws IdentityConflictException if it belongs to another customer
     * @throws java.util.NoSuchElementException if the customer does not exist
     */
    Customer link(CustomerId id, Identity identity);

    /** Atomic read-modify-write of profile fields; identities must not be changed this way. */
    Customer update(CustomerId id, UnaryOperator<Customer> change);

    /** Removes the customer and its identity index entries. Returns whether it existed. */
    boolean delete(CustomerId id);
}
