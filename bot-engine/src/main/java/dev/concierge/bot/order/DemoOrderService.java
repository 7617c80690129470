package dev.concierge.bot.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the platform's order system, for the embedded demo and tests: sample orders in every state, served
 * under the paths of docs/order-api.md by a framework-neutral handler ({@link #handle}) that the server mounts at
 * {@code /demo/order-api/v1}. The bot reaches it over real HTTP through {@link HttpOrderApi}, like a real backend.
 *
 * <p>Every shopper sees the demo orders: a customer id without orders of its own gets {@value #DEMO_CUSTOMER}'s.
 * Thread-safe; state is in memory and resets on restart.
 */
public final class DemoOrderService {
    public static final String DEMO_CUSTOMER = "demo-shopper";
    public static final String MOUNT_PATH = "/demo/order-api/v1";

    private static final Pattern ORDER_PATH = Pattern.compile("^/orders/([^/?]+)(/[a-z\\-]+)?$");
    private static final Pattern CUSTOMER_ORDERS = Pattern.compile("^/customers/([^/?]+)/orders$");

    private final Clock clock;
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Tracking> trackings = new ConcurrentHashMap<>();
    private final Map<String, RefundInfo> refunds = new ConcurrentHashMap<>();
    private final AtomicInteger tickets = new AtomicInteger(1000);
    private final OrderJson json = new OrderJson();

    private DemoOrderService(Clock clock) {
        this.clock = clock;
    }

    /** The sample data, dated relative to the clock's now. */
    public static DemoOrderService seeded(Clock clock) {
        DemoOrderService s = new DemoOrderService(clock);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        s.add(order("DD20261101001", OrderStatus.PENDING_PAYMENT, 199.0, "蓝牙耳机 Bluetooth earbuds", now.minus(Duration.ofHours(2)), null, null));
        s.add(order("DD20261102002", OrderStatus.PAID, 328.0, "运动鞋 Running shoes", now.minus(Duration.ofDays(1)), null, null));
        s.add(order("DD20261103003", OrderStatus.SHIPPED, 89.9, "保温杯 Thermos cup", now.minus(Duration.ofDays(3)), null, "SF1234567890"));
        s.add(order("DD20261104004", OrderStatus.DELIVERED, 459.0, "电热水壶 Electric kettle", now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(3)), "YT9876543210"));
        s.add(order("DD20261105005", OrderStatus.DELIVERED, 129.0, "T恤 T-shirt", now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(40)), "ZT5555666677"));
        s.add(order("DD20261106006", OrderStatus.CANCELLED, 59.0, "手机壳 Phone case", now.minus(Duration.ofDays(5)), null, null));
        s.add(order("DD20261107007", OrderStatus.REFUNDING, 268.0, "双肩包 Backpack", now.minus(Duration.ofDays(12)), now.minus(Duration.ofDays(8)), "JD0001112223"));
        s.add(order("DD20261108008", OrderStatus.DELIVERED, 12999.0, "笔记本电脑 Laptop", now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(2)), "SF2222333344"));
        s.add(order("DD20261109009", OrderStatus.DELIVERED, 199.0, "衬衫 Shirt", now.minus(Duration.ofDays(13)), now.minus(Duration.ofDays(10)), "YT1212121212"));
        s.trackings.put("DD20261103003", new Tracking("DD20261103003", "SF Express", "SF1234567890", "in_transit",
                today.plusDays(2), List.of(
                        new Tracking.Event(now.minus(Duration.ofHours(6)), "上海 Shanghai", "到达转运中心 Arrived at hub"),
                        new Tracking.Event(now.minus(Duration.ofDays(2)), "杭州 Hangzhou", "已揽收 Picked up"))));
        for (String delivered : List.of("DD20261104004", "DD20261105005", "DD20261107007", "DD20261108008",
                "DD20261109009")) {
            Order o = s.orders.get(delivered);
            s.trackings.put(delivered, new Tracking(delivered, o.carrier(), o.trackingNumber(), "delivered",
                    LocalDate.ofInstant(o.deliveredAt(), ZoneOffset.UTC),
                    List.of(new Tracking.Event(o.deliveredAt(), "", "已签收 Delivered"))));
        }
        s.refunds.put("DD20261107007", new RefundInfo("DD20261107007", "processing", 268.0, "CNY", today.plusDays(3)));
        return s;
    }

    private static Order order(String id, OrderStatus status, double total, String item, Instant created,
            Instant delivered, String tracking) {
        return new Order(id, DEMO_CUSTOMER, status, total, "CNY", List.of(new Order.OrderItem("SKU-" + id.substring(10), item, 1, total)),
                "上海市浦东新区世纪大道100号 100 Century Ave, Shanghai", created, delivered,
                tracking == null ? null : carrierOf(tracking), tracking);
    }

    /** The carrier a demo tracking number belongs to, by its prefix (the order and its tracking said different ones). */
    private static String carrierOf(String tracking) {
        return switch (tracking.substring(0, 2)) {
            case "YT" -> "YTO";
            case "ZT" -> "ZTO";
            case "JD" -> "JD Logistics";
            default -> "SF Express";
        };
    }

    private void add(Order order) {
        orders.put(order.orderId(), order);
    }

    /**
     * Serves one request of the order API.
     *
     * @param path the request path below the mount point, with its query string ({@code /orders/DD...?x=y})
     */
    public DemoOrderResponse handle(String method, String path, String body) {
        try {
            String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
            String p = path == null ? "" : path;
            String query = "";
            int q = p.indexOf('?');
            if (q >= 0) {
                query = p.substring(q + 1);
                p = p.substring(0, q);
            }
            Matcher customer = CUSTOMER_ORDERS.matcher(p);
            if (customer.matches() && m.equals("GET")) {
                return ok(listFor(decode(customer.group(1)), limitOf(query), statusesOf(query)));
            }
            Matcher order = ORDER_PATH.matcher(p);
            if (!order.matches()) {
                return error(404, "no_such_path");
            }
            String id = decode(order.group(1)).toUpperCase(Locale.ROOT);
            String sub = order.group(2) == null ? "" : order.group(2);
            Order current = orders.get(id);
            if (current == null) {
                return error(404, "order_not_found");
            }
            return switch (m + " " + sub) {
                case "GET " -> ok(json.toJson(current));
                case "GET /tracking" -> trackings.containsKey(id) ? ok(json.toJson(trackings.get(id))) : error(404, "not_shipped");
                case "GET /refund" -> refunds.containsKey(id) ? ok(json.toJson(refunds.get(id))) : error(404, "no_refund");
                case "POST /cancel" -> cancel(current);
                case "PUT /address" -> changeAddress(current, body);
                case "POST /after-sales" -> afterSale(current, body);
                default -> error(405, "method_not_allowed");
            };
        } catch (OrderJson.MalformedException | IllegalArgumentException e) {
            return error(400, "bad_request");
        }
    }

    private ObjectNode listFor(String customerId, int limit, Set<OrderStatus> statuses) {
        List<Order> mine = new ArrayList<>(orders.values().stream().filter(o -> o.customerId().equals(customerId)).toList());
        if (mine.isEmpty()) {
            mine.addAll(orders.values().stream().filter(o -> o.customerId().equals(DEMO_CUSTOMER)).toList());
        }
        if (!statuses.isEmpty()) {
            mine.removeIf(o -> !statuses.contains(o.status()));
        }
        mine.sort(Comparator.comparing(Order::createdAt).reversed());
        ObjectNode n = json.object();
        var list = n.putArray("orders");
        mine.stream().limit(limit).forEach(o -> list.add(json.toJson(o)));
        return n;
    }

    private DemoOrderResponse cancel(Order current) {
        if (!current.status().cancellable()) {
            return error(409, "not_cancellable");
        }
        Order cancelled = current.withStatus(OrderStatus.CANCELLED);
        orders.put(cancelled.orderId(), cancelled);
        if (current.status() == OrderStatus.PAID) {
            refunds.put(current.orderId(), new RefundInfo(current.orderId(), "processing", current.totalAmount(),
                    current.currency(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(3)));
        }
        return ok(json.toJson(cancelled));
    }

    private DemoOrderResponse changeAddress(Order current, String body) {
        JsonNode address = json.parse(body).get("address");
        if (address == null || address.asText().isBlank() || address.asText().length() > 300) {
            return error(400, "address_required");
        }
        if (!current.status().addressChangeable()) {
            return error(409, "already_shipped");
        }
        Order moved = current.withAddress(address.asText().strip());
        orders.put(moved.orderId(), moved);
        return ok(json.toJson(moved));
    }

    private DemoOrderResponse afterSale(Order current, String body) {
        JsonNode request = json.parse(body);
        JsonNode type = request.get("type");
        if (type == null || !(type.asText().equals("return") || type.asText().equals("exchange"))) {
            return error(400, "type_required");
        }
        if (current.status() != OrderStatus.DELIVERED) {
            return error(409, "not_delivered");
        }
        AfterSaleTicket ticket = new AfterSaleTicket("AS" + tickets.incrementAndGet(), current.orderId(),
                AfterSaleType.valueOf(type.asText().toUpperCase(Locale.ROOT)), "created");
        return new DemoOrderResponse(201, json.write(json.toJson(ticket)));
    }

    private DemoOrderResponse ok(JsonNode node) {
        return new DemoOrderResponse(200, json.write(node));
    }

    private DemoOrderResponse error(int status, String code) {
        return new DemoOrderResponse(status, json.write(json.object().put("error", code)));
    }

    /** {@code status=delivered,paid}: only orders in those states; none given (or none known) means all. */
    private static Set<OrderStatus> statusesOf(String query) {
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        String given = parameter(query, "status");
        if (given != null) {
            for (String name : decode(given).split(",")) {
                statuses.add(OrderStatus.fromWire(name.strip())); // an unknown one: IllegalArgumentException, 400
            }
        }
        return statuses;
    }

    private static int limitOf(String query) {
        String given = parameter(query, "limit");
        if (given == null) {
            return 5;
        }
        try {
            return Math.max(1, Math.min(20, Integer.parseInt(given)));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    /** The raw value of the query's first {@code name=…} parameter, or null. */
    private static String parameter(String query, String name) {
        for (String part : query.split("&")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
