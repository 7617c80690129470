package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.auth.Session;
import dev.concierge.core.auth.SessionStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public interface SessionStoreContract {

    /** A store whose notion of "now" for expiry is the {@code now} passed to find. */
    SessionStore sessions();

    @Test
    default void findsLiveSessionsAndForgetsExpiredOrDeletedOnes() {
        Instant now = Instant.now();
        Session s = new Session("agent-1", "agent", now, now.plusSeconds(3600));
        sessions().put("h1", s);
        assertThat(sessions().find("h1", now)).contains(s);
        assertThat(sessions().find("h1", now.plusSeconds(3600))).isEmpty();
        assertThat(sessions().find("unknown", now)).isEmpty();
        sessions().put("h2", s);
        sessions().delete("h2");
        assertThat(sessions().find("h2", now)).isEmpty();
    }
}
