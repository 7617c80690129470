package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST shopper sees the survey only in the response to their next message after the close, so that message
 * cannot be the answer: the survey stays open for the message after it. Before, "好的，谢谢你" sent after the close
 * opened a new conversation that swallowed the "5" sent in answer to the survey it brought back.
 */
class RestSurveyIT extends MemoryServerTest {

    private JsonNode post(String customer, String text) {
        return restMessage(customer, text, "zh");
    }

    /** {@code customer} asks for a person; agent-1 accepts, replies and closes: the closed conversation's id. */
    private String servedAndClosed(WsClient agent, String customer) {
        post(customer, "我要人工客服帮我查订单");
        String conversationId = agent.await("offer").path("conversationId").asText();
        agent.send(Map.of("type", "accept", "conversationId", conversationId));
        agent.await("assigned");
        agent.send(Map.of("type", "message", "conversationId", conversationId, "text", "您好，订单已经发货了。"));
        agent.await("ack");
        agent.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
        agent.await("closed");
        return conversationId;
    }

    private List<JsonNode> ratings(String token) {
        HttpResponse<String> response = server.get("/api/v1/csat/mine", Map.of("Authorization", "Bearer " + token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> ratings = new ArrayList<>();
        TestServer.json(response.body()).path("ratings").forEach(ratings::add);
        return ratings;
    }

    @Test
    void aRatingSentAfterTheResponseThatBroughtTheSurveyIsRecorded() {
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token)) {
            String closed = servedAndClosed(agent, "zh-160");

            // sent before the shopper could see the survey: the close and the survey come back with its answer
            JsonNode thanks = post("zh-160", "好的，谢谢你");
            assertThat(replyTexts(thanks, "system")).anySatisfy(t -> assertThat(t).contains("请为本次服务打分"));
            assertThat(replyTexts(thanks, "bot")).hasSize(1);

            JsonNode rated = post("zh-160", "5");
            assertThat(replyTexts(rated, "system")).containsExactly("感谢您的评价！");
            assertThat(replyTexts(rated, "bot")).isEmpty(); // not read as "goodbye"
            assertThat(ratings(token)).singleElement().satisfies(r -> {
                assertThat(r.path("conversationId").asText()).isEqualTo(closed);
                assertThat(r.path("score").asInt()).isEqualTo(5);
            });

            // the survey is answered: a second rating goes to the bot and is not recorded
            post("zh-160", "5分");
            assertThat(ratings(token)).hasSize(1);
        }
    }

    @Test
    void aNumberSentBeforeTheSurveyReachedTheShopperIsNotARating() {
        // "4" right after the close, before any response brought the survey: it was recorded as a score of 4, and its
        // one response held the close, the survey question and the thanks at once
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token)) {
            String closed = servedAndClosed(agent, "zh-162");
            JsonNode first = post("zh-162", "4");
            assertThat(replyTexts(first, "system")).anySatisfy(t -> assertThat(t).contains("请为本次服务打分"))
                    .noneSatisfy(t -> assertThat(t).contains("感谢您的评价"));
            assertThat(ratings(token)).isEmpty();

            JsonNode rated = post("zh-162", "5");
            assertThat(replyTexts(rated, "system")).containsExactly("感谢您的评价！");
            assertThat(ratings(token)).singleElement().satisfies(r -> {
                assertThat(r.path("conversationId").asText()).isEqualTo(closed);
                assertThat(r.path("score").asInt()).isEqualTo(5);
            });
        }
    }

    @Test
    void theSurveyEndsWithTheShoppersMessageAfterTheResponseThatBroughtIt() {
        String token = server.login("agent-1");
        try (WsClient agent = onlineAgent(token)) {
            servedAndClosed(agent, "zh-161");
            post("zh-161", "好的，谢谢你");
            post("zh-161", "还有一个问题，怎么开发票？");

            post("zh-161", "5");
            assertThat(ratings(token)).isEmpty();
        }
    }
}
