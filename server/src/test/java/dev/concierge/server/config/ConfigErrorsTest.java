package dev.concierge.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong value names its key, what it takes and where it came from, in the operator's words. */
class ConfigErrorsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void aWrongTypeFromTheEnvironmentNamesTheVariable() {
        // it printed Jackson's "Cannot deserialize value of type int ... through reference chain ..."
        assertThatThrownBy(() -> loader.load(null, Map.of("CONCIERGE_PORT", "abc"), Map.of()))
                .hasMessage("invalid configuration: server.port must be a whole number, got 'abc' (from CONCIERGE_PORT)");
    }

    @Test
    void aWrongEnumListsTheChoices() {
        assertThatThrownBy(() -> loader.load(null, Map.of("CONCIERGE_STORE", "mongo"), Map.of()))
                .hasMessageStartingWith("invalid configuration: store.type must be one of [memory, redis], got 'mongo'")
                .hasMessageEndingWith("(from CONCIERGE_STORE)");
    }

    @Test
    void anUnknownKeyIsNamedAsWritten() {
        assertThatThrownBy(() -> loader.load(null, Map.of(), Map.of("bot.nluProfle", "fast")))
                .hasMessageStartingWith("unknown configuration key 'bot.nluProfle'").hasMessageContaining("nluProfile");
    }
}
