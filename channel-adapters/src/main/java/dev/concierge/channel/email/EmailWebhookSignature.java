package dev.concierge.channel.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mailgun-style webhook signatures: hex(HMAC-SHA256(key, timestamp + token)), compared in constant time. */
public final class EmailWebhookSignature {
    private final byte[] key;

    public EmailWebhookSignature(String webhookKey) {
        this.key = webhookKey.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String timestamp, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
        }
    }

    public boolean verify(String timestamp, String token, String signature) {
        if (timestamp == null || token == null || signature == null) {
            return false;
        }
        byte[] expected = sign(timestamp, token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }
}
