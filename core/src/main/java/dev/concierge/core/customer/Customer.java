package dev.concierge.core.customer;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A customer, with every handle we know them by (app user id, phone, email): one identity across channels.
 *
 * @param vipTier "" for none, otherwise the operator's tier name ("gold", ...)
 */
public record Customer(CustomerId id, String displayName, String locale, String vipTier, Set<Identity> identities,
        Instant createdAt) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        displayName = displayName == null ? "" : displayName;
        locale = locale == null || locale.isBlank() ? "zh" : locale;
        vipTier = vipTier == null ? "" : vipTier;
        identities = Set.copyOf(identities);
    }

    public static Customer newCustomer(CustomerId id, Identity first, Instant now) {
        return new Customer(id, "", "zh", "", Set.of(first), now);
    }

    public Customer withIdentity(Identity identity) {
        Set<Identity> more = new LinkedHashSet<>(identities);
        more.add(identity);
        return new Customer(id, displayName, locale, vipTier, more, createdAt);
    }

    public Customer withLocale(String newLocale) {
        return new Customer(id, displayName, newLocale, vipTier, identities, createdAt);
    }

    public Customer withProfile(String newDisplayName, String newVipTier) {
        return new Customer(id, newDisplayName, locale, newVipTier, identities, createdAt);
    }

    public Optional<Identity> identity(IdentityType type) {
        return identities.stream().filter(i -> i.type() == type).findFirst();
    }

    public boolean isVip() {
        return !vipTier.isBlank();
    }
}
