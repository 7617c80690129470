package dev.concierge.core;

/** Validation shared by the typed id records. */
public final class Ids {
    /** Ids travel in URLs, Redis keys and logs: keep them to a safe, bounded alphabet. */
    private static final int MAX_LENGTH = 128;

    private Ids() {
    }

    public static String requireSafe(String value, String what) {
        if (!isSafe(value)) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._:@+-]");
        }
        return value;
    }

    /** Whether {@code value} is 1-128 characters of {@code [A-Za-z0-9._:@+-]}. */
    public static boolean isSafe(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '+' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
