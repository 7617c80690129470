package dev.concierge.channel.sms;

import dev.concierge.channel.ChannelAvailability;
import dev.concierge.channel.PublicUrl;
import dev.concierge.core.customer.Identity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SMS provider settings (Twilio-compatible API).
 *
 * @param apiBaseUrl   the provider's REST base, e.g. https://api.twilio.com (a WireMock URL in tests)
 * @param fromNumber   our number, E.164
 * @param maxSegments  replies are shortened to at most this many segments
 */
public record SmsSettings(PublicUrl publicUrl, String accountSid, String authToken, URI apiBaseUrl,
        Identity fromNumber, int maxSegments, Duration requestTimeout) {

    public static final String ENV_AUTH_TOKEN = "CONCIERGE_SMS_AUTH_TOKEN";
    public static final String ENV_ACCOUNT_SID = "CONCIERGE_SMS_ACCOUNT_SID";
    public static final String ENV_API_URL = "CONCIERGE_SMS_API_URL";
    public static final String ENV_FROM = "CONCIERGE_SMS_FROM";
    public static final URI DEFAULT_API_URL = URI.create("https://api.twilio.com");

    public SmsSettings {
        Objects.requireNonNull(publicUrl, "publicUrl (" + PublicUrl.ENV + ")");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(fromNumber, "fromNumber");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (accountSid == null || !accountSid.matches("[A-Za-z0-9_-]{2,64}")) {
            throw new IllegalArgumentException(ENV_ACCOUNT_SID + " must be 2-64 characters of [A-Za-z0-9_-]");
        }
        if (authToken == null || authToken.length() < 8) {
            throw new IllegalArgumentException(ENV_AUTH_TOKEN + " must be at least 8 characters");
        }
        if (fromNumber.type() != dev.concierge.core.customer.IdentityType.PHONE) {
            throw new IllegalArgumentException(ENV_FROM + " must be a phone number");
        }
        String scheme = apiBaseUrl.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException(ENV_API_URL + " must be an http(s) URL");
        }
        if (maxSegments < 1 || maxSegments > 10) {
            throw new IllegalArgumentException("maxSegments must be 1..10");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /**
     * Reads {@code CONCIERGE_SMS_*} and {@code CONCIERGE_PUBLIC_URL}. None of the SMS variables set: the channel
     * is disabled. Some set but not all the required ones: fails fast, naming what is missing.
     */
    public static ChannelAvailability<SmsSettings> fromEnvironment(Map<String, String> env) {
        String token = blankToNull(env.get(ENV_AUTH_TOKEN));
        String sid = blankToNull(env.get(ENV_ACCOUNT_SID));
        String from = blankToNull(env.get(ENV_FROM));
        if (token == null && sid == null && from == null) {
            return ChannelAvailability.disabled(ENV_AUTH_TOKEN + ", " + ENV_ACCOUNT_SID + " and " + ENV_FROM
                    + " not set");
        }
        List<String> missing = new ArrayList<>();
        if (token == null) {
            missing.add(ENV_AUTH_TOKEN);
        }
        if (sid == null) {
            missing.add(ENV_ACCOUNT_SID);
        }
        if (from == null) {
            missing.add(ENV_FROM);
        }
        var publicUrl = PublicUrl.fromEnvironment(env);
        if (publicUrl.isEmpty()) {
            missing.add(PublicUrl.ENV);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("SMS channel half configured, missing: " + String.join(", ", missing));
        }
        String api = blankToNull(env.get(ENV_API_URL));
        return ChannelAvailability.enabled(new SmsSettings(publicUrl.get(), sid, token,
                api == null ? DEFAULT_API_URL : URI.create(api.trim()), Identity.phone(from), 3,
                Duration.ofSeconds(10)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The provider's Messages endpoint for our account. */
    public URI messagesEndpoint() {
        String base = apiBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
    }

    @Override
    public String toString() {
        return "SmsSettings[publicUrl=" + publicUrl.base() + ", accountSid=" + accountSid + ", authToken=***"
                + ", apiBaseUrl=" + apiBaseUrl + ", maxSegments=" + maxSegments + "]";
    }
}
