package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with sentence embeddings everywhere: the accurate intent profile and the knowledge base's dense
 * ranking, sharing one pair of in-process encoders (bge-small en/zh, offline).
 */
class EmbeddingsIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("bot.nluProfile", "default", "bot.kbDense", "true"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answersFaqQuestionsInBothLanguages() {
        JsonNode en = reply("shopper-en", "which payment methods can I use to pay?");
        assertThat(en.path("action").asText()).isEqualTo("answer");
        assertThat(en.path("faqId").asText()).isEqualTo("payment_methods");
        JsonNode zh = reply("shopper-zh", "支持哪些付款方式？");
        assertThat(zh.path("action").asText()).isEqualTo("answer");
        assertThat(zh.path("faqId").asText()).isEqualTo("payment_methods");
        assertThat(zh.path("language").asText()).isEqualTo("zh");
    }

    @Test
    void searchPreviewRanksWithTheSharedEncoders() {
        String token = server.login("supervisor");
        HttpResponse<String> preview = server.get("/api/v1/admin/kb/preview?q=how+long+until+my+refund+arrives"
                + "&locale=en", Map.of("Authorization", "Bearer " + token));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(preview.body()).path("candidates").path(0).path("entryId").asText())
                .contains("refund");
    }

    private static JsonNode reply(String customer, String text) {
        HttpResponse<String> response = server.post("/api/v1/bot/reply",
                "{\"customerId\":\"" + customer + "\",\"text\":\"" + text + "\"}",
                Map.of("Authorization", "Bearer " + TestServer.API_KEY));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response.body());
    }
}
