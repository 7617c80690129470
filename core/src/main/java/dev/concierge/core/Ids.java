package dev.concierge.core;

import java.util.regex.Pattern;

/** Validation shared by the typed id records. */
public final class Ids {
    /** Ids travel in URLs, Redis keys and logs: keep them to a safe, bounded alphabet. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@+\\-]{1,128}");

    private Ids() {
    }

    public static String requireSafe(String value, String what) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._:@+-]");
        }
        return value;
    }

    public static boolean isSafe(String value) {
        return value != null && SAFE.matcher(value).matches();
    }
}
