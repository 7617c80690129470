package dev.concierge.core.customer;

import java.util.Locale;
import java.util.Objects;

/** One handle of a customer, normalised so that the same person compares equal across channels. */
public record Identity(IdentityType type, String value) {
    public Identity {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("identity value is required");
        }
        value = normalise(type, value.trim());
        if (value.length() > 254) {
            throw new IllegalArgumentException("identity value too long");
        }
    }

    public static Identity appUser(String id) {
        return new Identity(IdentityType.APP_USER, id);
    }

    public static Identity phone(String number) {
        return new Identity(IdentityType.PHONE, number);
    }

    public static Identity email(String address) {
        return new Identity(IdentityType.EMAIL, address);
    }

    private static String normalise(IdentityType type, String raw) {
        return switch (type) {
            case EMAIL -> {
                if (!raw.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("not an email address");
                }
                yield raw.toLowerCase(Locale.ROOT);
            }
            case PHONE -> {
                String digits = raw.replaceAll("[\\s\\-().]", "");
                if (!digits.matches("\\+?[0-9]{5,20}")) {
                    throw new IllegalArgumentException("not a phone number");
                }
                yield digits;
            }
            case APP_USER -> raw;
        };
    }

    /** A stable string form, used as a store key. */
    public String key() {
        return type.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
