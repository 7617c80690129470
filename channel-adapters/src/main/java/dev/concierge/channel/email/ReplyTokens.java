package dev.concierge.channel.email;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reply-address token: {@code support+c-<token>@domain} routes a reply even without threading headers. */
public final class ReplyTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern TOKEN = Pattern.compile("^[^@+]+\\+c-([a-z0-9]{8,32})@", Pattern.CASE_INSENSITIVE);

    private ReplyTokens() {
    }

    public static String newToken() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** {@code local+c-token@domain} for our address {@code local@domain}. */
    public static String replyAddress(String ourAddress, String token) {
        int at = ourAddress.indexOf('@');
        return ourAddress.substring(0, at) + "+c-" + token + ourAddress.substring(at);
    }

    public static Optional<String> tokenIn(String address) {
        Matcher m = TOKEN.matcher(address == null ? "" : address.strip());
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
