package dev.concierge.core.customer;

import java.util.Optional;

/**
 * The secret that lets a shopper's browser resume its conversation (and read its history) after a reconnect.
 * Only a hash of the token is stored.
 */
public interface ShopperTokenStore {

    /** Binds the token hash to the customer unless one is bound already; returns whether it was bound now. */
    boolean bindIfAbsent(CustomerId customer, String tokenHash);

    Optional<String> tokenHash(CustomerId customer);

    void delete(CustomerId customer);
}
