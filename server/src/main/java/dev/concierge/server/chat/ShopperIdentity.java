package dev.concierge.server.chat;

import dev.concierge.core.Ids;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.server.http.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who is on a chat socket. A new shopper gets an id and a secret resume token; coming back with both restores
 * the conversation and its history. A customer id alone never grants access to someone's history: an id that
 * already has a token needs that token, and an id known from another channel cannot be claimed from the
 * browser.
 */
public final class ShopperIdentity {
    private final CustomerStore customers;
    private final ShopperTokenStore tokens;
    private final SecureRandom random;
    private final Clock clock;

    public ShopperIdentity(CustomerStore customers, ShopperTokenStore tokens, SecureRandom random, Clock clock) {
        this.customers = customers;
        this.tokens = tokens;
        this.random = random;
        this.clock = clock;
    }

    /** A signed-in shopper; {@code token} is only set when it was issued just now. */
    public record Session(Customer customer, String token, boolean resumed) {
    }

    /**
     * @param customerId the id the client claims, or null for a new anonymous shopper
     * @param token      the resume token the client holds, or null
     * @throws BadRequestException {@code unauthorized} when the claim cannot be proven
     */
    public Session signIn(String customerId, String token) {
        if (customerId == null) {
            CustomerId id = CustomerId.random();
            Customer created = customers.findOrCreate(Identity.appUser(id.value()), clock.instant());
            String issued = issue(created.id());
            return new Session(created, issued, false);
        }
        if (!Ids.isSafe(customerId)) {
            throw new BadRequestException("invalid_field", "customerId must be 1-128 characters of [A-Za-z0-9._:@+-]");
        }
        CustomerId id = new CustomerId(customerId);
        Optional<String> bound = tokens.tokenHash(id);
        if (bound.isPresent()) {
            if (token == null || !MessageDigest.isEqual(bound.get().getBytes(StandardCharsets.US_ASCII),
                    hash(token).getBytes(StandardCharsets.US_ASCII))) {
                throw new BadRequestException("unauthorized", "a valid resume token is required for this customer");
            }
            Customer customer = customers.find(id).orElseGet(() ->
                    customers.findOrCreate(Identity.appUser(id.value()), clock.instant()));
            return new Session(customer, null, true);
        }
        Optional<Customer> existing = customers.findByIdentity(Identity.appUser(customerId));
        if (existing.isPresent() || customers.find(id).isPresent()) {
            throw new BadRequestException("unauthorized", "this customer id cannot be claimed from the web chat");
        }
        Customer created = customers.findOrCreate(Identity.appUser(customerId), clock.instant());
        return new Session(created, issue(created.id()), false);
    }

    /** The session with the customer's preferred language set to {@code locale}, stored for the next sign-in. */
    public Session withLocale(Session session, String locale) {
        if (locale == null || locale.equals(session.customer().locale())) {
            return session;
        }
        Customer updated = customers.update(session.customer().id(), c -> c.withLocale(locale));
        return new Session(updated, session.token(), session.resumed());
    }

    private String issue(CustomerId id) {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        if (!tokens.bindIfAbsent(id, hash(token))) {
            throw new BadRequestException("unauthorized", "this customer id is already taken");
        }
        return token;
    }

    /** The stored form of a resume token (also used by the attachment upload to check it). */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
