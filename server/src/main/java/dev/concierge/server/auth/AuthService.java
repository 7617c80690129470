package dev.concierge.server.auth;

import dev.concierge.core.auth.Session;
import dev.concierge.core.auth.SessionStore;
import dev.concierge.server.config.ConciergeConfig.Account;
import dev.concierge.server.config.ConciergeConfig.AuthSettings;
import dev.concierge.server.config.ConciergeConfig.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Agent and supervisor log-in. A successful log-in returns a random bearer token; only its SHA-256 is stored,
 * so a leaked session store reveals no usable token. Blocking (store, PBKDF2): call from a worker thread.
 */
public final class AuthService {
    private static final int TOKEN_BYTES = 32;

    private final Map<String, Account> accounts;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration ttl;
    /** Verified against when the account is unknown, so timing does not reveal which ids exist. */
    private final String decoyHash;

    public AuthService(AuthSettings settings, SessionStore sessions, PasswordHasher hasher, SecureRandom random,
            Clock clock) {
        this.accounts = settings.accounts().stream().collect(Collectors.toUnmodifiableMap(Account::id,
                Function.identity()));
        this.sessions = sessions;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.ttl = Duration.ofMinutes(settings.sessionTtlMinutes());
        this.decoyHash = settings.accounts().isEmpty() ? "" : settings.accounts().get(0).passwordHash();
    }

    /** A token and when it expires, or empty when the id or password is wrong. */
    public Optional<Login> login(String accountId, char[] password) {
        Account account = accountId == null ? null : accounts.get(accountId);
        boolean ok = hasher.verify(password, account == null ? decoyHash : account.passwordHash());
        if (account == null || !ok) {
            return Optional.empty();
        }
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Session session = new Session(account.id(), account.role().name().toLowerCase(java.util.Locale.ROOT), now,
                now.plus(ttl));
        sessions.put(hash(token), session);
        return Optional.of(new Login(token, session.expiresAt(), principal(account)));
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return sessions.find(hash(token), clock.instant())
                .map(s -> accounts.get(s.accountId()))
                .map(AuthService::principal);
    }

    public void logout(String token) {
        if (token != null && !token.isBlank() && token.length() <= 200) {
            sessions.delete(hash(token));
        }
    }

    public Optional<Principal> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId)).map(AuthService::principal);
    }

    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    public record Login(String token, Instant expiresAt, Principal principal) {
    }

    private static Principal principal(Account a) {
        return new Principal(a.id(), a.name(), a.role(), a.team());
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    /** True for supervisors, for compile-time clarity at call sites. */
    public static boolean isSupervisor(Principal p) {
        return p.role() == Role.SUPERVISOR;
    }
}
