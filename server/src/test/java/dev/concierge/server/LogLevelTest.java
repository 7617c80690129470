package dev.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelTest {
    @Test
    void anUnknownLogLevelIsAConfigurationError() {
        // logback took "LOUD" without a word and logged at DEBUG
        assertThat(Main.logLevelError("LOUD")).hasValueSatisfying(m -> assertThat(m).contains("LOUD", "INFO"));
        assertThat(Main.logLevelError("debug")).isEmpty();
        assertThat(Main.logLevelError(null)).isEmpty();
    }
}
