package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads and admin actions that find nothing (404) are audit-logged too, as not carried out. */
class AuditTrailIT extends MemoryServerTest {

    @Test
    void readingAConversationThatDoesNotExistIsLoggedAsNotFound() {
        Map<String, String> agent = bearer(server.login("agent-1"));
        assertThat(server.get("/api/v1/conversations/c-no-such-thing", agent).statusCode()).isEqualTo(404);

        JsonNode event = onlyEvent("action=read&conversation=c-no-such-thing");
        assertThat(event.path("actor").asText()).isEqualTo("agent-1");
        assertThat(event.path("allowed").asBoolean()).isFalse();
        assertThat(event.path("details").path("result").asText()).isEqualTo("not_found");
    }

    @Test
    void aSupervisorReadingAnErasedConversationIsLogged() {
        Map<String, String> key = bearer(TestServer.API_KEY);
        HttpResponse<String> sent = server.post("/api/v1/messages",
                "{\"customerId\":\"gone-soon\",\"text\":\"where is my order?\",\"locale\":\"en\"}", key);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String conversationId = TestServer.json(sent.body()).path("conversationId").asText();
        Map<String, String> supervisor = bearer(server.login("supervisor"));
        assertThat(server.delete("/api/v1/admin/customers/gone-soon", supervisor).statusCode()).isEqualTo(200);

        assertThat(server.get("/api/v1/conversations/" + conversationId, supervisor).statusCode()).isEqualTo(404);
        JsonNode event = onlyEvent("action=read&conversation=" + conversationId);
        assertThat(event.path("actor").asText()).isEqualTo("supervisor");
        assertThat(event.path("allowed").asBoolean()).isFalse();
        assertThat(event.path("details").path("result").asText()).isEqualTo("not_found");
    }

    @Test
    void erasingOrExportingACustomerWhoDoesNotExistIsLoggedAsNotCarriedOut() {
        Map<String, String> supervisor = bearer(server.login("supervisor"));
        assertThat(server.delete("/api/v1/admin/customers/nobody-here", supervisor).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/admin/customers/nobody-here/export", supervisor).statusCode()).isEqualTo(404);

        // logged before the work, as allowed:true, whatever came of it
        for (String action : new String[] {"customer_erase", "customer_export"}) {
            JsonNode event = onlyEvent("action=" + action);
            assertThat(event.path("actor").asText()).isEqualTo("supervisor");
            assertThat(event.path("allowed").asBoolean()).as(action).isFalse();
            assertThat(event.path("details").path("result").asText()).as(action).isEqualTo("not_found");
            assertThat(event.path("details").path("customer").asText()).isEqualTo("nobody-here");
        }
    }

    @Test
    void anErasureThatHappenedIsLoggedAsDone() {
        Map<String, String> key = bearer(TestServer.API_KEY);
        assertThat(server.post("/api/v1/messages", "{\"customerId\":\"erase-me-2\",\"text\":\"hello\"}", key)
                .statusCode()).isEqualTo(200);
        Map<String, String> supervisor = bearer(server.login("supervisor"));
        assertThat(server.get("/api/v1/admin/customers/erase-me-2/export", supervisor).statusCode()).isEqualTo(200);
        assertThat(server.delete("/api/v1/admin/customers/erase-me-2", supervisor).statusCode()).isEqualTo(200);
        for (String action : new String[] {"customer_erase", "customer_export"}) {
            JsonNode event = onlyEvent("action=" + action);
            assertThat(event.path("allowed").asBoolean()).as(action).isTrue();
            assertThat(event.path("details").path("customer").asText()).isEqualTo("erase-me-2");
        }
    }

    @Test
    void anAgentRefusedAnExportOrErasureIsLogged() {
        Map<String, String> agent = bearer(server.login("agent-2"));
        HttpResponse<String> erase = server.delete("/api/v1/admin/customers/someone-else", agent);
        assertThat(erase.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(erase.body()).path("error").path("code").asText()).isEqualTo("forbidden");
        assertThat(server.get("/api/v1/admin/customers/someone-else/export", agent).statusCode()).isEqualTo(403);
        assertThat(server.delete("/api/v1/admin/customers/someone-else", Map.of()).statusCode()).isEqualTo(401);

        for (String action : new String[] {"customer_erase", "customer_export"}) {
            JsonNode event = onlyEvent("action=" + action);
            assertThat(event.path("actor").asText()).isEqualTo("agent-2");
            assertThat(event.path("allowed").asBoolean()).as(action).isFalse();
            assertThat(event.path("details").path("result").asText()).as(action).isEqualTo("forbidden");
            assertThat(event.path("details").path("customer").asText()).isEqualTo("someone-else");
        }
    }

    private JsonNode onlyEvent(String query) {
        HttpResponse<String> audit = server.get("/api/v1/audit?" + query, bearer(server.login("supervisor")));
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode events = TestServer.json(audit.body()).path("events");
        assertThat(events.size()).as(audit.body()).isEqualTo(1);
        return events.get(0);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
