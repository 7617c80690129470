package dev.concierge.bot.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What {@link EntityExtractor} found in one message, each list in order of appearance, without duplicates. */
public record Entities(List<String> orderNumbers, List<String> phones, List<String> emails, List<Amount> amounts,
        List<LocalDate> dates) {

    public Entities {
        orderNumbers = List.copyOf(orderNumbers);
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
        amounts = List.copyOf(amounts);
        dates = List.copyOf(dates);
    }

    public static Entities none() {
        return new Entities(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public Optional<String> firstOrderNumber() {
        return orderNumbers.isEmpty() ? Optional.empty() : Optional.of(orderNumbers.get(0));
    }

    public boolean isEmpty() {
        return orderNumbers.isEmpty() && phones.isEmpty() && emails.isEmpty() && amounts.isEmpty() && dates.isEmpty();
    }

    /** By kind, as text (order_number, phone, email, amount, date), skipping empty kinds. */
    public Map<String, List<String>> asText() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        put(out, "order_number", orderNumbers);
        put(out, "phone", phones);
        put(out, "email", emails);
        put(out, "amount", amounts.stream().map(Amount::toString).toList());
        put(out, "date", dates.stream().map(LocalDate::toString).toList());
        return out;
    }

    private static void put(Map<String, List<String>> out, String kind, List<String> values) {
        if (!values.isEmpty()) {
            out.put(kind, values);
        }
    }

    /** A sum of money; {@code currency} is an ISO code (CNY, USD). */
    public record Amount(BigDecimal value, String currency) {
        public Amount {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(currency, "currency");
            if (value.signum() < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
        }

        @Override
        public String toString() {
            return value.toPlainString() + " " + currency;
        }
    }
}
