package dev.concierge.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio-style request signatures: Base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...))
 * with the POST parameters sorted by name (then value), compared in constant time.
 */
public final class SmsSignatureVerifier {
    public static final String HEADER = "X-Twilio-Signature";
    private final byte[] key;

    public SmsSignatureVerifier(String authToken) {
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String fullUrl, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(fullUrl);
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(null);
        for (String name : names) {
            List<String> values = new ArrayList<>(params.get(name));
            values.sort(null);
            for (String v : values) {
                data.append(name).append(v);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by the JDK", e);
        }
    }

    /** False for a missing, malformed or wrong signature. */
    public boolean verify(String fullUrl, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(fullUrl, params).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
