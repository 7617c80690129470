package dev.concierge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuditLogbackBridgeTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void parsesTheDeskLines() {
        AuditEvent read = AuditLogbackBridge.parse(
                "reader=agent-2 action=read conversation=c-1 customer=u-1 allowed=false", T);
        assertThat(read).isEqualTo(new AuditEvent(T, "agent-2", "read", "c-1", false, Map.of("customer", "u-1")));
        AuditEvent denied = AuditLogbackBridge.parse(
                "agent=agent-1 action=denied conversation=c-2 attempted=reply status=assigned holder=agent-2", T);
        assertThat(denied.allowed()).isFalse();
        // what was attempted, and who holds it, for the supervisor's audit view
        assertThat(denied.details()).containsEntry("attempted", "reply").containsEntry("holder", "agent-2");
        AuditEvent close = AuditLogbackBridge.parse(
                "agent=agent-1 action=close conversation=c-3 disposition=resolved ticket=null", T);
        assertThat(close.allowed()).isTrue();
        assertThat(close.details()).containsEntry("disposition", "resolved");
    }

    @Test
    void personalDataInTheDetailsIsMaskedAsInTheConsoleLog() {
        AuditEvent read = AuditLogbackBridge.parse(
                "reader=agent-2 action=read conversation=c-1 customer=jane.roe@example.com allowed=true", T);
        assertThat(read.details().get("customer")).isNotEqualTo("jane.roe@example.com").endsWith("@example.com");
        AuditEvent phone = AuditLogbackBridge.parse(
                "reader=agent-2 action=read conversation=c-1 customer=+8613912349999 allowed=true", T);
        assertThat(phone.details().get("customer")).doesNotContain("13912349999");
    }

    @Test
    void auditLoggerLinesBecomeQueryableUntilClosed() throws Exception {
        InMemoryAuditLog log = new InMemoryAuditLog(10);
        AutoCloseable bridge = AuditLogbackBridge.install(log);
        LoggerFactory.getLogger("audit").info("reader={} action=read conversation={} allowed={}", "agent-9", "c-9",
                false);
        bridge.close();
        LoggerFactory.getLogger("audit").info("reader=agent-9 action=read conversation=c-10 allowed=true");
        assertThat(log.query(new AuditQuery("agent-9", null, null, null, 10)))
                .extracting(AuditEvent::conversationId).containsExactly("c-9");
    }

    @Test
    void inMemoryLogKeepsTheNewestAndFilters() {
        InMemoryAuditLog log = new InMemoryAuditLog(3);
        for (int i = 0; i < 5; i++) {
            log.record(new AuditEvent(T.plusSeconds(i), "a" + (i % 2), "read", "c-" + i, i != 3, Map.of()));
        }
        assertThat(log.query(new AuditQuery(null, null, null, null, 10))).extracting(AuditEvent::conversationId)
                .containsExactly("c-4", "c-3", "c-2");
        assertThat(log.query(new AuditQuery(null, null, null, false, 10))).extracting(AuditEvent::conversationId)
                .containsExactly("c-3");
        assertThat(log.query(new AuditQuery("a0", null, null, null, 1))).extracting(AuditEvent::conversationId)
                .containsExactly("c-4");
    }
}
