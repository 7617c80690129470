package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.concierge.redis.RedisNamespace;
import dev.concierge.redis.RedisTestSupport;
import dev.concierge.redis.attachment.RedisAttachmentStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed scenario over the shopper's WebSocket against the embedded demo order API: a defective kettle is
 * returned with a photo uploaded through the attachment endpoint. Halfway through, the server restarts; with Redis as the store the flow resumes at the
 * step it was on.
 */
class ReturnFlowIT {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("flow");
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.redis(RedisTestSupport.url(), redis.namespace());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return server.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void returnWithPhotoSurvivesARestart() {
        String customerId;
        String token;
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "locale", "zh"));
            JsonNode session = shopper.await("session");
            customerId = session.path("customerId").asText();
            token = session.path("token").asText();
            shopper.send(Map.of("type", "message", "text", "我买的东西坏了，要退货"));
            JsonNode askOrder = shopper.await("message");
            assertThat(askOrder.path("flow").asText()).isEqualTo("return_exchange");
            assertThat(askOrder.path("step").asText()).isEqualTo("ask_order");
            shopper.send(Map.of("type", "message", "text", "DD20261104004"));
            JsonNode askPhoto = shopper.await("message");
            assertThat(askPhoto.path("step").asText()).isEqualTo("ask_photo");
            assertThat(askPhoto.path("text").asText()).contains("照片");
        }

        // The node goes away and another one comes up on the same Redis.
        server.close();
        server = TestServer.redis(RedisTestSupport.url(), redis.namespace());

        // The photo goes up the way the widget sends it: the upload endpoint, authorised by the resume token.
        byte[] jpeg = new byte[256];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        jpeg[3] = (byte) 0xE0;
        HttpResponse<String> upload = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/v1/attachments?name=kettle-crack.jpg"))
                .header("X-Customer-Id", customerId).header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String photo = TestServer.json(upload.body()).path("reference").asText();
        assertThat(new RedisAttachmentStore(redis.client(), redis.keys()).get(photo)).isPresent();
        try (WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            shopper.send(Map.of("type", "hello", "customerId", customerId, "token", token));
            shopper.await("session");
            assertThat(shopper.await("history").path("messages").toString()).contains("DD20261104004");
            shopper.send(Map.of("type", "message", "text", "", "attachments", List.of(photo)));
            JsonNode options = shopper.await("message");
            assertThat(options.path("step").asText()).isEqualTo("offer_options");
            assertThat(options.path("quickReplies").toString()).contains("7天无理由退货");
            shopper.send(Map.of("type", "quick_reply", "value", "7天无理由退货"));
            JsonNode done = shopper.await("message");
            assertThat(done.path("step").asText()).isEqualTo("done");
            assertThat(done.path("text").asText()).contains("退货申请");
        }
    }
}
