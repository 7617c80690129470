package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import dev.concierge.redis.attachment.RedisAttachmentStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The seed scenario over the shopper's WebSocket against the embedded demo order API: a defective kettle is
 * returned with a photo. Halfway through, the server restarts; with Redis as the store the flow resumes at the
 * step it was on.
 */
class ReturnFlowIT {
    private UnifiedJedis redis;
    private String namespace;
    private TestServer server;

    @BeforeEach
    void start() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("flow");
        server = TestServer.redis(RedisTestSupport.url(), namespace);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
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
            shopper.send(Map.of("type", "message", "text", "我买的电水壶坏了，要退货"));
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
        server = TestServer.redis(RedisTestSupport.url(), namespace);

        String photo = new RedisAttachmentStore(redis, new RedisKeys(namespace)).put(
                new StoredFile("kettle-crack.jpg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1}));
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
