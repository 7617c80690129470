package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end over real sockets: shopper → bot → human request → agent offer with the
 * transcript → accept → agent reply reaches the shopper → shopper reply reaches the agent → close. Run once per
 * store implementation.
 */
abstract class ShopperToAgentScenario {

    abstract TestServer server();

    @Test
    void shopperReachesAHumanAndBack() {
        TestServer server = server();
        String token = server.login("agent-1");
        try (WsClient agent = WsClient.connect(server.port(), "/ws/agent");
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            agent.send(Map.of("type", "auth", "token", token));
            assertThat(agent.await("welcome").path("agentId").asText()).isEqualTo("agent-1");
            agent.send(Map.of("type", "presence", "status", "online"));
            agent.await("presence");

            shopper.send(Map.of("type", "hello", "locale", "zh"));
            JsonNode session = shopper.await("session");
            String customerId = session.path("customerId").asText();
            String resumeToken = session.path("token").asText();
            assertThat(resumeToken).isNotBlank();

            shopper.send(Map.of("type", "message", "id", "c1", "text", "你好"));
            JsonNode greeting = shopper.await("message");
            assertThat(greeting.path("from").asText()).isEqualTo("bot");
            assertThat(greeting.path("text").asText()).isNotBlank();
            assertThat(shopper.await("ack").path("id").asText()).isEqualTo("c1");

            shopper.send(Map.of("type", "message", "id", "c2", "text", "我要转人工，订单DD20261104004"));
            JsonNode botHandoff = shopper.await("message");
            assertThat(botHandoff.path("from").asText()).isEqualTo("bot");
            JsonNode queued = shopper.await("handoff");
            assertThat(queued.path("status").asText()).isEqualTo("queued");
            assertThat(queued.has("position")).isTrue();
            assertThat(queued.has("expectedWaitSeconds")).isTrue();

            JsonNode offer = agent.await("offer");
            String conversationId = offer.path("conversationId").asText();
            JsonNode context = offer.path("context");
            assertThat(context.path("handoff").path("reason").asText()).isEqualTo("human_request");
            // an object of kind to values the desk can lay out, not a Java map's toString
            assertThat(context.path("handoff").path("entities").path("order_number").get(0).asText())
                    .isEqualTo("DD20261104004");
            assertThat(context.path("customer").path("id").asText()).isEqualTo(customerId);
            assertThat(context.path("transcript").toString()).contains("你好", "我要转人工");
            assertThat(context.path("earlierMessages").asBoolean(true)).isFalse();

            agent.send(Map.of("type", "accept", "conversationId", conversationId));
            JsonNode assigned = agent.await("assigned");
            assertThat(assigned.path("context").path("transcript").size()).isGreaterThanOrEqualTo(4);
            assertThat(shopper.await(f -> "handoff".equals(f.path("type").asText())
                    && "assigned".equals(f.path("status").asText()), "assigned notice").path("agentName").asText())
                    .isEqualTo("Li Na");

            agent.send(Map.of("type", "message", "conversationId", conversationId, "id", "a1",
                    "text", "您好，我是人工客服李娜，请问有什么可以帮您？"));
            assertThat(agent.await("ack").path("id").asText()).isEqualTo("a1");
            JsonNode fromAgent = shopper.await(f -> "message".equals(f.path("type").asText())
                    && "agent".equals(f.path("from").asText()), "the agent's reply");
            assertThat(fromAgent.path("text").asText()).contains("李娜");
            // The agent's client resends the same frame (it lost its node before the ack): acknowledged with the
            // id of the message already stored, so nothing new was stored.
            agent.send(Map.of("type", "message", "conversationId", conversationId, "id", "a1",
                    "text", "您好，我是人工客服李娜，请问有什么可以帮您？"));
            JsonNode resentAck = agent.await("ack");
            assertThat(resentAck.path("messageId").asText()).isEqualTo(fromAgent.path("id").asText());

            shopper.send(Map.of("type", "message", "id", "c3", "text", "我的订单一直没到"));
            JsonNode forwarded = agent.await(f -> "message".equals(f.path("type").asText())
                    && "customer".equals(f.path("from").asText()), "the customer's message");
            assertThat(forwarded.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(forwarded.path("text").asText()).isEqualTo("我的订单一直没到");

            // A reconnecting shopper with its resume token gets the whole history back.
            try (WsClient again = WsClient.connect(server.port(), "/ws/chat")) {
                again.send(Map.of("type", "hello", "customerId", customerId, "token", resumeToken));
                assertThat(again.await("session").path("resumed").asBoolean()).isTrue();
                JsonNode history = again.await("history");
                assertThat(history.path("status").asText()).isEqualTo("assigned");
                assertThat(history.path("messages").toString()).contains("你好", "我要转人工", "李娜", "我的订单一直没到");
                // and who has the conversation, as at the handoff
                assertThat(again.await("handoff").path("agentName").asText()).isEqualTo("Li Na");
            }
            // Without it, the same customer id gets nothing.
            try (WsClient intruder = WsClient.connect(server.port(), "/ws/chat")) {
                intruder.send(Map.of("type", "hello", "customerId", customerId));
                intruder.awaitError("unauthorized");
            }

            agent.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
            agent.await("closed");
            shopper.await("closed");

            HttpResponse<String> read = server.get("/api/v1/conversations/" + conversationId,
                    Map.of("Authorization", "Bearer " + server.login("supervisor")));
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(read.body()).path("status").asText()).isEqualTo("closed");
        }
    }

    @Test
    void transferWithANoteThenCloseAndTheCustomerRatesTheService() {
        TestServer server = server();
        try (WsClient first = WsClient.connect(server.port(), "/ws/agent",
                        Map.of("Authorization", "Bearer " + server.login("agent-1")));
                WsClient second = WsClient.connect(server.port(), "/ws/agent",
                        Map.of("Authorization", "Bearer " + server.login("agent-2")));
                WsClient shopper = WsClient.connect(server.port(), "/ws/chat")) {
            first.await("welcome");
            second.await("welcome");
            shopper.send(Map.of("type", "hello", "locale", "en"));
            shopper.await("session");
            shopper.send(Map.of("type", "message", "text", "I need a human agent please"));
            shopper.await("handoff");

            // Whoever gets the offer takes it, then hands it to the other agent with a note.
            JsonNode offer = awaitEither(first, second, "offer");
            WsClient holder = offer.path("_socket").asInt() == 0 ? first : second;
            WsClient other = holder == first ? second : first;
            String otherId = holder == first ? "agent-2" : "agent-1";
            String conversationId = offer.path("conversationId").asText();
            holder.send(Map.of("type", "accept", "conversationId", conversationId));
            holder.await("assigned");
            holder.send(Map.of("type", "transfer", "conversationId", conversationId, "toAgent", otherId,
                    "note", "Customer wants a refund for a damaged parcel"));
            holder.await("transferred");

            JsonNode transferred = other.await("offer");
            assertThat(transferred.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(transferred.path("context").path("handoff").path("transferNote").asText())
                    .isEqualTo("Customer wants a refund for a damaged parcel");
            other.send(Map.of("type", "accept", "conversationId", conversationId));
            other.await("assigned");
            other.send(Map.of("type", "message", "conversationId", conversationId, "text", "Refund approved."));
            shopper.await(f -> "message".equals(f.path("type").asText()) && "Refund approved."
                    .equals(f.path("text").asText()), "the second agent's reply");
            // The first agent no longer holds it.
            holder.send(Map.of("type", "message", "conversationId", conversationId, "text", "still here?"));
            holder.awaitError("forbidden");

            other.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
            other.await("closed");
            JsonNode survey = shopper.await(f -> "message".equals(f.path("type").asText())
                    && f.path("quickReplies").size() == 5, "the satisfaction question");
            assertThat(survey.path("from").asText()).isEqualTo("system");
            // off the scale: asked again, the survey stays open (it was dropped, and "6" got the instalments FAQ)
            shopper.send(Map.of("type", "message", "text", "6"));
            shopper.await(f -> "message".equals(f.path("type").asText())
                    && f.path("text").asText().contains("number from 1 to 5"), "the survey asked again");
            shopper.send(Map.of("type", "quick_reply", "value", "5", "id", "csat-1"));
            // acknowledged under the client's id, before the thanks
            JsonNode ack = shopper.await(f -> "ack".equals(f.path("type").asText()) && "csat-1".equals(f.path("id").asText())
                    || "message".equals(f.path("type").asText())
                    && "Thank you for your feedback!".equals(f.path("text").asText()), "the rating's ack or the thanks");
            assertThat(ack.path("type").asText()).isEqualTo("ack");
            assertThat(ack.path("messageId").asText()).endsWith(":csat-1");
            shopper.await(f -> "message".equals(f.path("type").asText())
                    && f.path("text").asText().contains("Thank you"), "thanks for the rating");

            HttpResponse<String> read = server.get("/api/v1/conversations/" + conversationId,
                    Map.of("Authorization", "Bearer " + server.login("supervisor")));
            JsonNode card = TestServer.json(read.body());
            assertThat(card.path("csat").asInt()).isEqualTo(5);
            assertThat(card.path("status").asText()).isEqualTo("closed");
        }
    }

    /** Waits for a frame of the type on either socket; marks which one in the field "_socket" (0 or 1). */
    private static JsonNode awaitEither(WsClient a, WsClient b, String type) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode found = a.poll(type);
            if (found != null) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) found).put("_socket", 0);
            }
            found = b.poll(type);
            if (found != null) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) found).put("_socket", 1);
            }
        }
        throw new AssertionError("no " + type + " frame on either socket");
    }

    @Test
    void restChannelAndBotApiReturnTheDecision() {
        TestServer server = server();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TestServer.API_KEY);
        HttpResponse<String> reply = server.post("/api/v1/bot/reply",
                "{\"customerId\":\"rest-user-1\",\"text\":\"hello\"}", auth);
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode decision = TestServer.json(reply.body());
        assertThat(decision.path("action").asText()).isEqualTo("answer");
        assertThat(decision.path("language").asText()).isEqualTo("en");
        assertThat(decision.has("confidence")).isTrue();
        assertThat(decision.has("quickReplies")).isTrue();

        HttpResponse<String> sent = server.post("/api/v1/messages",
                "{\"customerId\":\"rest-user-1\",\"text\":\"I want a human agent\",\"messageId\":\"m-1\"}", auth);
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode outcome = TestServer.json(sent.body());
        assertThat(outcome.path("decision").path("action").asText()).isEqualTo("handoff");
        assertThat(outcome.path("decision").path("handoffReason").asText()).isEqualTo("human_request");
        assertThat(outcome.path("replies").get(0).path("from").asText()).isEqualTo("bot");
        assertThat(outcome.path("status").asText()).isEqualTo("queued");

        HttpResponse<String> retried = server.post("/api/v1/messages",
                "{\"customerId\":\"rest-user-1\",\"text\":\"I want a human agent\",\"messageId\":\"m-1\"}", auth);
        assertThat(TestServer.json(retried.body()).path("duplicate").asBoolean()).isTrue();
    }
}
