package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge-base admin API: authenticated, validated, all-or-nothing, and edits searchable at once. */
class KnowledgeBaseApiIT {
    private static TestServer server;
    private static Map<String, String> supervisor;
    private static Map<String, String> agent;

    private static final String GIFT_WRAP = """
            {"id":"test_engraving_service","category":"pre_sale","scenario":"PRE_SALE",
             "questions":{"zh":["可以在商品上刻字吗","有刻字服务吗"],"en":["Can you engrave my name on the item","Do you offer an engraving service"]},
             "answers":{"zh":"下单时填写刻字内容即可，每件加收20元。","en":"Enter the engraving text at checkout; it costs 20 yuan per item."}}
            """;

    @BeforeAll
    static void start() {
        server = TestServer.memory();
        supervisor = Map.of("Authorization", "Bearer " + server.login("supervisor"));
        agent = Map.of("Authorization", "Bearer " + server.login("agent-1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requiresASupervisor() {
        assertThat(server.get("/api/v1/admin/kb/entries", Map.of()).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/v1/admin/kb/entries", agent).statusCode()).isEqualTo(403);
        assertThat(server.post("/api/v1/admin/kb/entries", GIFT_WRAP, Map.of()).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/v1/kb/suggest?q=refund", Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> list = server.get("/api/v1/admin/kb/entries", supervisor);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(list.body()).path("entries").size()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void anEditIsSearchableWithinASecondAndCanBeDeleted() {
        long before = System.nanoTime();
        HttpResponse<String> created = server.post("/api/v1/admin/kb/entries", GIFT_WRAP, supervisor);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> suggest = server.get("/api/v1/kb/suggest?q=" + encode("can you engrave my name")
                + "&locale=en", agent);
        long millis = Duration.ofNanos(System.nanoTime() - before).toMillis();
        assertThat(suggest.statusCode()).isEqualTo(200);
        JsonNode preview = TestServer.json(suggest.body());
        assertThat(preview.toString()).contains("test_engraving_service");
        assertThat(millis).as("create + search round trip").isLessThan(1000);

        assertThat(server.post("/api/v1/admin/kb/entries", GIFT_WRAP, supervisor).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/admin/kb/entries/test_engraving_service", null).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/admin/kb/entries/test_engraving_service", supervisor).statusCode()).isEqualTo(404);
    }

    @Test
    void malformedEntriesAreRejectedAndNothingIsHalfWritten() {
        int before = count();
        HttpResponse<String> notJson = server.post("/api/v1/admin/kb/entries", "{oops", supervisor);
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> noAnswer = server.post("/api/v1/admin/kb/entries",
                "{\"id\":\"x_1\",\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":[\"q\"]}}",
                supervisor);
        assertThat(noAnswer.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(noAnswer.body()).path("error").path("code").asText())
                .isEqualTo("validation_failed");
        // One good and one bad entry in a bulk import: nothing at all is imported.
        String bulk = "{\"entries\":[" + GIFT_WRAP + ",{\"id\":\"Bad Id!\",\"category\":\"c\"}]}";
        HttpResponse<String> imported = send("POST", "/api/v1/admin/kb/import?format=json&mode=merge", bulk);
        assertThat(imported.statusCode()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
        assertThat(server.get("/api/v1/admin/kb/entries/test_engraving_service", supervisor).statusCode()).isEqualTo(404);
    }

    @Test
    void exportAndImportRoundTrip() throws Exception {
        HttpResponse<String> json = server.get("/api/v1/admin/kb/export?format=json", supervisor);
        assertThat(json.statusCode()).isEqualTo(200);
        HttpResponse<String> csv = server.get("/api/v1/admin/kb/export?format=csv", supervisor);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        int before = count();
        HttpResponse<String> reimported = send("POST", "/api/v1/admin/kb/import?format=json&mode=replace", json.body());
        assertThat(reimported.statusCode()).as(reimported.body()).isEqualTo(200);
        assertThat(TestServer.json(reimported.body()).path("total").asInt()).isEqualTo(before);
        HttpResponse<String> fromCsv = send("POST", "/api/v1/admin/kb/import?format=csv&mode=replace", csv.body());
        assertThat(fromCsv.statusCode()).as(fromCsv.body()).isEqualTo(200);
        assertThat(count()).isEqualTo(before);
        // the export posted back as it came, text/csv and no format parameter: it was refused as malformed JSON
        HttpRequest.Builder asCsv = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/admin/kb/import?mode=replace")).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv.body(), StandardCharsets.UTF_8));
        supervisor.forEach(asCsv::header);
        HttpResponse<String> posted = server.http.send(asCsv.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(count()).isEqualTo(before);
        // an empty replacement is refused: it would leave the bot nothing to answer with
        HttpResponse<String> empty = send("POST", "/api/v1/admin/kb/import?format=json&mode=replace",
                "{\"entries\":[]}");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(count()).isEqualTo(before);
    }

    private static int count() {
        return TestServer.json(server.get("/api/v1/admin/kb/entries", supervisor).body()).path("entries").size();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        supervisor.forEach(request::header);
        try {
            return server.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
