package dev.concierge.redis.channel;

import dev.concierge.core.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Provider ids (Message-IDs especially) can be long or odd: short safe ids are used as-is, others hashed. */
final class SafeKeys {
    private SafeKeys() {
    }

    static String of(String raw) {
        if (Ids.isSafe(raw) && raw.length() <= 100) {
            return raw;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
