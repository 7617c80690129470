package dev.concierge.bot.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The order API's JSON (docs/order-api.md), both ways, through Jackson's tree model: explicit field names, no
 * annotations on the domain records, and any missing or mistyped field is a {@link MalformedException}.
 */
final class OrderJson {
    private final ObjectMapper mapper = new ObjectMapper();

    static final class MalformedException extends RuntimeException {
        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JsonNode parse(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedException("expected a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- decoding
    Order order(JsonNode n) {
        try {
            List<Order.OrderItem> items = new ArrayList<>();
            for (JsonNode i : required(n, "items")) {
                items.add(new Order.OrderItem(text(i, "sku"), text(i, "name"), required(i, "quantity").asInt(),
                        required(i, "unitPrice").asDouble()));
            }
            return new Order(text(n, "orderId"), text(n, "customerId"), OrderStatus.fromWire(text(n, "status")),
                    required(n, "totalAmount").asDouble(), optionalText(n, "currency"), items,
                    optionalText(n, "shippingAddress"), instant(text(n, "createdAt")),
                    optionalInstant(n, "deliveredAt"), optionalText(n, "carrier"), optionalText(n, "trackingNumber"));
        } catch (RuntimeException e) {
            throw malformed("order", e);
        }
    }

    List<Order> orders(JsonNode n) {
        List<Order> out = new ArrayList<>();
        JsonNode list = n.get("orders");
        if (list == null || !list.isArray()) {
            throw new MalformedException("orders: expected an array", null);
        }
        for (JsonNode o : list) {
            out.add(order(o));
        }
        return out;
    }

    Tracking tracking(JsonNode n) {
        try {
            List<Tracking.Event> events = new ArrayList<>();
            JsonNode list = n.get("events");
            if (list != null) {
                for (JsonNode e : list) {
                    events.add(new Tracking.Event(instant(text(e, "at")), optionalText(e, "location"),
                            optionalText(e, "description")));
                }
            }
            String eta = optionalText(n, "estimatedDelivery");
            return new Tracking(text(n, "orderId"), optionalText(n, "carrier"), optionalText(n, "trackingNumber"),
                    text(n, "status"), eta == null ? null : LocalDate.parse(eta), events);
        } catch (RuntimeException e) {
            throw malformed("tracking", e);
        }
    }

    AfterSaleTicket ticket(JsonNode n) {
        try {
            return new AfterSaleTicket(text(n, "ticketId"), text(n, "orderId"),
                    AfterSaleType.valueOf(text(n, "type").toUpperCase(java.util.Locale.ROOT)), optionalText(n, "status"));
        } catch (RuntimeException e) {
            throw malformed("after-sale ticket", e);
        }
    }

    RefundInfo refund(JsonNode n) {
        try {
            String by = optionalText(n, "expectedBy");
            return new RefundInfo(text(n, "orderId"), text(n, "status"), required(n, "amount").asDouble(),
                    optionalText(n, "currency"), by == null ? null : LocalDate.parse(by));
        } catch (RuntimeException e) {
            throw malformed("refund", e);
        }
    }

    // --- encoding
    ObjectNode toJson(Order o) {
        ObjectNode n = object();
        n.put("orderId", o.orderId());
        n.put("customerId", o.customerId());
        n.put("status", o.status().wireName());
        n.put("totalAmount", o.totalAmount());
        n.put("currency", o.currency());
        ArrayNode items = n.putArray("items");
        for (Order.OrderItem i : o.items()) {
            items.addObject().put("sku", i.sku()).put("name", i.name()).put("quantity", i.quantity())
                    .put("unitPrice", i.unitPrice());
        }
        n.put("shippingAddress", o.shippingAddress());
        n.put("createdAt", o.createdAt().toString());
        putIfPresent(n, "deliveredAt", o.deliveredAt() == null ? null : o.deliveredAt().toString());
        putIfPresent(n, "carrier", o.carrier());
        putIfPresent(n, "trackingNumber", o.trackingNumber());
        return n;
    }

    ObjectNode toJson(Tracking t) {
        ObjectNode n = object();
        n.put("orderId", t.orderId());
        n.put("carrier", t.carrier());
        n.put("trackingNumber", t.trackingNumber());
        n.put("status", t.status());
        putIfPresent(n, "estimatedDelivery", t.estimatedDelivery() == null ? null : t.estimatedDelivery().toString());
        ArrayNode events = n.putArray("events");
        for (Tracking.Event e : t.events()) {
            events.addObject().put("at", e.at().toString()).put("location", e.location())
                    .put("description", e.description());
        }
        return n;
    }

    ObjectNode toJson(AfterSaleTicket t) {
        ObjectNode n = object();
        n.put("ticketId", t.ticketId());
        n.put("orderId", t.orderId());
        n.put("type", t.type().wireName());
        n.put("status", t.status());
        return n;
    }

    ObjectNode toJson(RefundInfo r) {
        ObjectNode n = object();
        n.put("orderId", r.orderId());
        n.put("status", r.status());
        n.put("amount", r.amount());
        n.put("currency", r.currency());
        putIfPresent(n, "expectedBy", r.expectedBy() == null ? null : r.expectedBy().toString());
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = required(n, field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant optionalInstant(JsonNode n, String field) {
        String v = optionalText(n, field);
        return v == null ? null : instant(v);
    }

    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /**
     * {@link Instant#parse}, with a direct path for the shape order APIs send, UTC with an optional fraction
     * ("2026-11-03T08:15:30Z", "2026-11-03T08:15:30.250Z"): the general parser cost 2.4 % of a fast-profile
     * message's CPU in the load benchmark (three orders per order step). Anything else, and any value out of range,
     * goes to {@link Instant#parse}, so what is accepted and what is refused stay the same.
     */
    static Instant instant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || n == 21 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && s.charAt(19) != '.')) {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fraction = n > 20 ? digits(s, 20, n - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
            return Instant.parse(s);
        }
        try {
            int nanos = n > 20 ? fraction * NANOS_PER_DIGIT[n - 22] : 0;
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return Instant.parse(s); // a leap second, 24:00, or out of range: the general parser's answer
        }
    }

    /** The decimal number in {@code s[from, from + count)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static MalformedException malformed(String what, RuntimeException e) {
        return e instanceof MalformedException m ? m : new MalformedException("malformed " + what + ": " + e.getMessage(), e);
    }
}
