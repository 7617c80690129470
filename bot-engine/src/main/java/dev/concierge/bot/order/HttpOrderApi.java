package dev.concierge.bot.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link OrderApi} speaking the documented JSON API (docs/order-api.md): over HTTP with the JDK's
 * {@link HttpClient} for a real platform, or by direct calls into the embedded {@link DemoOrderService} (the same
 * requests and JSON, no socket: a service in this process is not worth a loopback round trip per call). Blocking
 * calls, meant for the worker thread that runs {@code BotEngine.decide}, so the domain module needs no Vert.x.
 * Every failure, including a reply slower than the request timeout and a body that is not the documented JSON,
 * becomes an {@link OrderApiException}. Thread-safe (the JDK client is).
 */
public final class HttpOrderApi implements OrderApi {
    private final OrderApiSettings settings;
    private final Transport transport;
    private final OrderJson json = new OrderJson();

    /** How a request travels; answers with the HTTP status and the body. */
    @FunctionalInterface
    private interface Transport {
        DemoOrderResponse exchange(String method, String path, String body) throws IOException, InterruptedException;
    }

    public HttpOrderApi(OrderApiSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build());
    }

    HttpOrderApi(OrderApiSettings settings, HttpClient client) {
        this.settings = settings;
        this.transport = (method, path, body) -> overHttp(client, method, path, body);
    }

    private HttpOrderApi(OrderApiSettings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** The embedded demo order service, called in this process with the API's own requests and JSON. */
    public static HttpOrderApi inProcess(DemoOrderService demo, OrderApiSettings settings) {
        return new HttpOrderApi(settings, (method, path, body) -> demo.handle(method, path, body == null ? "" : body));
    }

    @Override
    public Order order(String orderId) {
        return decoded(() -> json.order(get("/orders/" + enc(orderId))));
    }

    @Override
    public List<Order> recentOrders(String customerId, int limit) {
        return decoded(() -> json.orders(get("/customers/" + enc(customerId) + "/orders?limit=" + Math.max(1, limit))));
    }

    @Override
    public List<Order> recentOrders(String customerId, int limit, Set<OrderStatus> statuses) {
        String wanted = statuses.stream().map(OrderStatus::wireName).sorted().collect(Collectors.joining(","));
        return decoded(() -> json.orders(get("/customers/" + enc(customerId) + "/orders?limit=" + Math.max(1, limit)
                + "&status=" + enc(wanted))));
    }

    @Override
    public Tracking tracking(String orderId) {
        return decoded(() -> json.tracking(get("/orders/" + enc(orderId) + "/tracking")));
    }

    @Override
    public AfterSaleTicket createAfterSale(AfterSaleRequest request) {
        ObjectNode body = json.object();
        body.put("type", request.type().wireName());
        body.put("reason", request.reason());
        ArrayNode photos = body.putArray("photos");
        request.photoReferences().forEach(photos::add);
        return decoded(() -> json.ticket(send("POST", "/orders/" + enc(request.orderId()) + "/after-sales", body)));
    }

    @Override
    public Order cancel(String orderId, String reason) {
        ObjectNode body = json.object();
        body.put("reason", reason == null ? "" : reason);
        return decoded(() -> json.order(send("POST", "/orders/" + enc(orderId) + "/cancel", body)));
    }

    @Override
    public Order changeAddress(String orderId, String newAddress) {
        ObjectNode body = json.object();
        body.put("address", newAddress);
        return decoded(() -> json.order(send("PUT", "/orders/" + enc(orderId) + "/address", body)));
    }

    @Override
    public RefundInfo refundStatus(String orderId) {
        return decoded(() -> json.refund(get("/orders/" + enc(orderId) + "/refund")));
    }

    private static <T> T decoded(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (OrderJson.MalformedException e) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, ObjectNode body) {
        DemoOrderResponse response;
        try {
            response = transport.exchange(method, path, body == null ? null : json.write(body));
        } catch (HttpTimeoutException e) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE,
                    method + " " + path + " took longer than " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, method + " " + path + " interrupted", e);
        }
        int status = response.status();
        if (status == 404) {
            throw new OrderApiException(OrderApiException.Kind.NOT_FOUND, method + " " + path + ": not found");
        }
        if (status == 409 || status == 422) {
            throw new OrderApiException(OrderApiException.Kind.REJECTED, method + " " + path + ": " + errorCode(response.body()));
        }
        if (status < 200 || status > 299) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, method + " " + path + ": HTTP " + status);
        }
        try {
            return decoded(() -> json.parse(response.body()));
        } catch (OrderJson.MalformedException e) {
            throw new OrderApiException(OrderApiException.Kind.UNAVAILABLE, method + " " + path + ": " + e.getMessage(), e);
        }
    }

    private DemoOrderResponse overHttp(HttpClient client, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        if (!settings.authHeader().isEmpty()) {
            request.header("Authorization", settings.authHeader());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new DemoOrderResponse(response.statusCode(), response.body());
    }

    private String errorCode(String body) {
        try {
            JsonNode error = json.parse(body).get("error");
            return error == null ? "rejected" : error.asText();
        } catch (OrderJson.MalformedException e) {
            return "rejected";
        }
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
