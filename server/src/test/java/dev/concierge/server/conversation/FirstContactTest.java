package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryCustomerStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A customer first met on a channel message takes the message's language, when the message has one. */
class FirstContactTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final InMemoryCustomerStore customers = new InMemoryCustomerStore();

    private String localeOf(String who, String text) {
        return FirstContact.meet(customers, Identity.appUser(who), text, null, NOW).locale();
    }

    @Test
    void theLanguageOfTheFirstMessageIsTheCustomers() {
        assertThat(localeOf("en-1", "where is my order?")).isEqualTo("en");
        assertThat(localeOf("zh-1", "我的订单到哪了")).isEqualTo("zh");
    }

    @Test
    void aFirstMessageWithoutLanguageLeavesTheDefault() {
        // an order number, a question mark or an emoji made the customer English: replies came in English
        assertThat(localeOf("n-1", "DD20261104004")).isEqualTo("zh");
        assertThat(localeOf("n-2", "？")).isEqualTo("zh");
        assertThat(localeOf("n-3", "👍")).isEqualTo("zh");
    }

    @Test
    void theStatedLocaleWinsAndALaterMessageChangesNothing() {
        assertThat(FirstContact.meet(customers, Identity.appUser("s-1"), "DD20261104004", "en", NOW).locale())
                .isEqualTo("en");
        assertThat(localeOf("s-1", "我的订单到哪了")).isEqualTo("en");
    }
}
