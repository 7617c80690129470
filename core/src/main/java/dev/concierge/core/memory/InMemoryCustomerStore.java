package dev.concierge.core.memory;

import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.customer.IdentityConflictException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The embedded default. One lock keeps the customer map and the identity index consistent. */
public final class InMemoryCustomerStore implements CustomerStore {

    private final Map<CustomerId, Customer> customers = new HashMap<>();
    private final Map<Identity, CustomerId> byIdentity = new HashMap<>();

    @Override
    public synchronized Optional<Customer> find(CustomerId id) {
        return Optional.ofNullable(customers.get(id));
    }

    @Override
    public synchronized Optional<Customer> findByIdentity(Identity identity) {
        return Optional.ofNullable(byIdentity.get(identity)).map(customers::get);
    }

    @Override
    public synchronized Customer findOrCreate(Identity identity, Instant now) {
        CustomerId existing = byIdentity.get(identity);
        if (existing != null) {
            return customers.get(existing);
        }
        CustomerId id = identity.type() == dev.concierge.core.customer.IdentityType.APP_USER
                && dev.concierge.core.Ids.isSafe(identity.value()) && !customers.containsKey(new CustomerId(identity.value()))
                ? new CustomerId(identity.value())
                : CustomerId.random();
        Customer created = Customer.newCustomer(id, identity, now);
        customers.put(id, created);
        byIdentity.put(identity, id);
        return created;
    }

    @Override
    public synchronized Customer link(CustomerId id, Identity identity) {
        Customer customer = customers.get(id);
        if (customer == null) {
            throw new NoSuchElementException("no customer " + id);
        }
        CustomerId owner = byIdentity.get(identity);
        if (owner != null && !owner.equals(id)) {
            throw new IdentityConflictException(identity, owner);
        }
        Customer linked = customer.withIdentity(identity);
        customers.put(id, linked);
        byIdentity.put(identity, id);
        return linked;
    }

    @Override
    public synchronized Customer update(CustomerId id, UnaryOperator<Customer> change) {
        Customer current = customers.get(id);
        if (current == null) {
            throw new NoSuchElementException("no customer " + id);
        }
        Customer next = change.apply(current);
        if (!next.id().equals(id) || !next.identities().equals(current.identities())) {
            throw new IllegalArgumentException("update must not change the id or the identities");
        }
        customers.put(id, next);
        return next;
    }

    @Override
    public synchronized boolean delete(CustomerId id) {
        Customer removed = customers.remove(id);
        if (removed == null) {
            return false;
        }
        removed.identities().forEach(byIdentity::remove);
        return true;
    }
}
