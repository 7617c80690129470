package dev.concierge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.server.Application;
import dev.concierge.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pages' headers, the attachment upload and download, and who may read reports and the audit log. */
class WebApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
    private static Application app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = Application.start(new ConfigLoader().load(null, Map.of(), Map.of("server.host", "127.0.0.1",
                "server.port", "0", "server.workerThreads", "4", "server.shutdownGraceSeconds", "1")),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void pagesHaveAStrictPolicyAndAssetsAreCacheable() throws Exception {
        HttpResponse<String> agent = get("/agent", null);
        assertThat(agent.statusCode()).isEqualTo(200);
        String csp = agent.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(agent.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(agent.body()).doesNotContain("<script>", "style=", " on");
        HttpResponse<String> chat = get("/chat", null);
        assertThat(chat.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors *");
        HttpResponse<String> script = get("/static/js/agent.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=");
        HttpResponse<String> chart = get("/webjars/chart.js/4.4.7/dist/chart.umd.js", null);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(get("/static/../concierge-defaults.yaml", null).statusCode()).isEqualTo(404);
        // every page names its icon, which is served (each page logged a 404 for /favicon.ico)
        for (String page : new String[] {"/chat", "/agent", "/supervisor"}) {
            assertThat(get(page, null).body()).contains("<link rel=\"icon\" href=\"/static/img/icon.svg\"");
        }
        HttpResponse<String> icon = get("/static/img/icon.svg", null);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
    }

    @Test
    void shopperUploadsAPhotoAndAnAgentFetchesIt() throws Exception {
        String[] shopper = shopperSession();
        HttpResponse<String> refused = upload(PNG, shopper[0], "wrong-token", "a.png");
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> notImage = upload("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), shopper[0],
                shopper[1], "x.png");
        assertThat(notImage.statusCode()).isEqualTo(415);
        HttpResponse<String> tooLarge = upload(new byte[AttachmentsApi.MAX_BYTES + 1], shopper[0], shopper[1], "big.png");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        // the upload's own limit, not the 64 KB of other API bodies
        assertThat(tooLarge.body()).contains("limited to 5 MB");

        HttpResponse<String> ok = upload(PNG, shopper[0], shopper[1], "../../etc/passwd");
        assertThat(ok.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("reference").asText()).startsWith("att-");
        assertThat(body.path("name").asText()).isEqualTo("passwd.png");
        assertThat(body.path("contentType").asText()).isEqualTo("image/png");

        String ref = body.path("reference").asText();
        assertThat(get("/api/v1/attachments/" + ref, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> photo = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/attachments/" + ref))
                .header("Authorization", "Bearer " + login("agent-1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.body()).isEqualTo(PNG);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(photo.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(photo.headers().firstValue("Content-Disposition"))
                .contains("inline; filename=\"passwd.png\"; filename*=UTF-8''passwd.png");
    }

    @Test
    void reportsAndAuditAreForSupervisors() throws Exception {
        String agent = login("agent-1");
        String supervisor = login("supervisor");
        for (String path : new String[] {"/api/v1/reports/summary", "/api/v1/reports/live", "/api/v1/audit"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, agent).statusCode()).as(path).isEqualTo(403);
            assertThat(get(path, supervisor).statusCode()).as(path).isEqualTo(200);
        }
        JsonNode series = JSON.readTree(get("/api/v1/reports/timeseries?hours=24&bucketMinutes=60", supervisor).body());
        assertThat(series.path("buckets").size()).isEqualTo(24);
        assertThat(get("/api/v1/reports/timeseries?bucketMinutes=0", supervisor).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/csat/mine", agent).statusCode()).isEqualTo(200);

        // (The refused read of another team's conversation appearing here is shown end to end in PagesBrowserIT.)
        assertThat(get("/api/v1/audit?limit=0", supervisor).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit?allowed=maybe", supervisor).statusCode()).isEqualTo(400);
        String metrics = get("/metrics", null).body();
        assertThat(metrics).contains("concierge_report_containment_ratio{channel=\"web_chat\"}");
    }

    // --- helpers

    /** Signs a new shopper in over /ws/chat: {customerId, resume token}. */
    private static String[] shopperSession() throws Exception {
        CompletableFuture<String> session = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/ws/chat"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        if (data.toString().contains("\"session\"")) {
                            session.complete(data.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"hello\",\"locale\":\"en\"}", true);
        JsonNode frame = JSON.readTree(session.get(10, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        return new String[] {frame.path("customerId").asText(), frame.path("token").asText()};
    }

    private static HttpResponse<String> upload(byte[] body, String customer, String token, String name)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/api/v1/attachments?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .header("X-Customer-Id", customer).header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String login(String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user
                        + "\",\"password\":\"concierge-demo\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
