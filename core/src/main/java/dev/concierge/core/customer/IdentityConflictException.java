package dev.concierge.core.customer;

/** The identity already belongs to another customer; linking it would merge two people. */
public final class IdentityConflictException extends IllegalStateException {
    public IdentityConflictException(Identity identity, CustomerId owner) {
        super(identity.type() + " identity already linked to customer " + owner);
    }
}
