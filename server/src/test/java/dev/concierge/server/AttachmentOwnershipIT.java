package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chat message may carry only photos its own customer uploaded. */
class AttachmentOwnershipIT extends MemoryServerTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    @Test
    void aShopperCannotSendAnotherShoppersUpload() throws Exception {
        try (WsClient a = WsClient.connect(server.port(), "/ws/chat");
                WsClient b = WsClient.connect(server.port(), "/ws/chat")) {
            JsonNode sessionA = signIn(a);
            String photo = upload(sessionA.path("customerId").asText(), sessionA.path("token").asText());
            signIn(b);

            b.send(Map.of("type", "message", "id", "b-1", "text", "look at this", "attachments", List.of(photo)));
            JsonNode refused = b.awaitError("invalid_field");
            assertThat(refused.path("message").asText()).contains("attachment");
            // nothing was stored: no ack, and no conversation to come back to
            b.send(Map.of("type", "ping"));
            b.await("pong");
            assertThat(b.poll("ack")).isNull();

            // the uploader's own message with it goes through
            a.send(Map.of("type", "message", "id", "a-1", "text", "my kettle", "attachments", List.of(photo)));
            assertThat(a.await("ack").path("id").asText()).isEqualTo("a-1");
        }
    }

    private static JsonNode signIn(WsClient shopper) {
        shopper.send(Map.of("type", "hello", "locale", "en"));
        return shopper.await("session");
    }

    private String upload(String customer, String token) throws Exception {
        HttpResponse<String> response = server.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/api/v1/attachments?name=kettle.png"))
                .header("X-Customer-Id", customer).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response.body()).path("reference").asText();
    }
}
