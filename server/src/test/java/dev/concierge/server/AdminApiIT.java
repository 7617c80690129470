package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Curation log, and a customer's data export and erasure, for supervisors only. */
class AdminApiIT {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
    private TestServer server;
    private Map<String, String> supervisor;

    @BeforeEach
    void start() {
        server = TestServer.memory();
        supervisor = Map.of("Authorization", "Bearer " + server.login("supervisor"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void exportThenEraseACustomerEverywhere() throws Exception {
        Map<String, String> key = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        assertThat(server.post("/api/v1/messages",
                "{\"customerId\":\"erase-me\",\"text\":\"my phone is 13800138000, where is my order?\"}", key)
                .statusCode()).isEqualTo(200);
        // a request for a person: the curation log keeps the question before it, which erasure must take too
        assertThat(server.post("/api/v1/messages",
                "{\"customerId\":\"erase-me\",\"text\":\"get me an agent\"}", key).statusCode()).isEqualTo(200);
        Map<String, String> agent = Map.of("Authorization", "Bearer " + server.login("agent-1"));
        assertThat(server.get("/api/v1/admin/customers/erase-me/export", agent).statusCode()).isEqualTo(403);

        HttpResponse<String> export = server.get("/api/v1/admin/customers/erase-me/export", supervisor);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("13800138000", "where is my order");

        assertThat(server.get("/api/v1/admin/unanswered", supervisor).body()).contains("where is my order");

        HttpResponse<String> erased = server.delete("/api/v1/admin/customers/erase-me", supervisor);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(erased.body()).path("erasedConversations").asInt()).isEqualTo(1);
        assertThat(server.get("/api/v1/admin/customers/erase-me/export", supervisor).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/admin/unanswered", supervisor).body()).doesNotContain("where is my order");
    }

    @Test
    void questionsPreviewedThroughTheBotApiAreErasedWithTheCustomer() throws Exception {
        Map<String, String> key = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        // a customer the bot API has only previewed: before, the question went to the curation log under a new
        // random conversation id per call, which erasure could not find ("no customer", 404)
        assertThat(server.post("/api/v1/bot/reply", "{\"customerId\":\"preview-only\",\"text\":\"can you recommend "
                + "a good dentist near the harbour?\"}", key).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/admin/unanswered", supervisor).body()).contains("dentist near the harbour");
        HttpResponse<String> erased = server.delete("/api/v1/admin/customers/preview-only", supervisor);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/admin/unanswered", supervisor).body()).doesNotContain("dentist near the harbour");
    }

    @Test
    void unansweredQuestionsAreGroupedMaskedAndExportable() {
        Map<String, String> key = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        server.post("/api/v1/messages", "{\"customerId\":\"curious-1\",\"text\":\"can you recommend a good "
                + "restaurant on the moon? call me at +8613800138000\"}", key);
        HttpResponse<String> groups = server.get("/api/v1/admin/unanswered", supervisor);
        assertThat(groups.statusCode()).isEqualTo(200);
        assertThat(groups.body()).contains("restaurant").doesNotContain("13800138000");
        HttpResponse<String> csv = server.get("/api/v1/admin/unanswered.csv", supervisor);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(server.get("/api/v1/admin/unanswered", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void theAgentServingAnErasedCustomerIsToldTheConversationIsGone() throws Exception {
        try (WsClient agent = onlineAgent(); WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = offered(agent, shopper, "erased-served");
            agent.send(Map.of("type", "accept", "conversationId", conversationId));
            agent.await("assigned");

            HttpResponse<String> erased = server.delete("/api/v1/admin/customers/erased-served", supervisor);
            assertThat(erased.statusCode()).isEqualTo(200);
            // the console drops it; before, the agent was told nothing and their replies failed with not_found
            var closed = agent.await("closed");
            assertThat(closed.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(closed.path("reason").asText()).isEqualTo("customer_erased");
        }
    }

    @Test
    void aShopperErasedWhileConnectedIsToldAndDisconnected() throws Exception {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "customerId", "erased-live", "locale", "en"));
            shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "hello", "id", "m1"));
            shopper.await("ack");
            HttpResponse<String> erased = server.delete("/api/v1/admin/customers/erased-live", supervisor);
            assertThat(erased.statusCode()).isEqualTo(200);
            // at once, not at the shopper's next message: the window showed the erased transcript until then
            assertThat(shopper.await("session_ended").path("reason").asText()).isEqualTo("customer_erased");
            assertThat(shopper.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void anAgentOfferedAnErasedCustomersConversationHasTheOfferWithdrawn() throws Exception {
        try (WsClient agent = onlineAgent(); WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            String conversationId = offered(agent, shopper, "erased-offered");

            HttpResponse<String> erased = server.delete("/api/v1/admin/customers/erased-offered", supervisor);
            assertThat(erased.statusCode()).isEqualTo(200);
            // the offer card, with the erased transcript, stayed on the desk and accepting it said offer_not_found
            var withdrawn = agent.await(f -> "offer_withdrawn".equals(f.path("type").asText())
                    || "closed".equals(f.path("type").asText()), "offer_withdrawn or closed");
            assertThat(withdrawn.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(withdrawn.path("reason").asText()).isEqualTo("customer_erased");
        }
    }

    @Test
    void erasureDeletesPhotosTheCustomerUploadedAndNeverSent() throws Exception {
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "customerId", "erased-uploader", "locale", "en"));
            var session = shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "my kettle is broken", "id", "m1"));
            shopper.await("ack");
            // uploaded, then the shopper changed their mind: the photo is in no transcript
            HttpResponse<String> upload = server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/v1/attachments?name=kettle.png"))
                    .header("X-Customer-Id", "erased-uploader")
                    .header("Authorization", "Bearer " + session.path("token").asText())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            String photo = "/api/v1/attachments/" + TestServer.json(upload.body()).path("reference").asText();
            assertThat(server.get(photo, supervisor).statusCode()).isEqualTo(200);

            assertThat(server.delete("/api/v1/admin/customers/erased-uploader", supervisor).statusCode())
                    .isEqualTo(200);
            assertThat(server.get(photo, supervisor).statusCode()).isEqualTo(404);
        }
    }

    private WsClient onlineAgent() {
        WsClient agent = WsClient.connect(server.port(), "/ws/agent",
                Map.of("Authorization", "Bearer " + server.login("agent-1")));
        agent.await("welcome");
        agent.send(Map.of("type", "presence", "status", "online"));
        agent.await("presence");
        return agent;
    }

    /** The shopper asks for a person; the conversation offered to the agent. */
    private static String offered(WsClient agent, WsClient shopper, String customerId) {
        shopper.send(Map.of("type", "hello", "customerId", customerId, "locale", "en"));
        shopper.await("session");
        shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
        return agent.await("offer").path("conversationId").asText();
    }
}
