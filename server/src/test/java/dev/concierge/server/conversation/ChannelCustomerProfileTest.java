package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.BotDecision;
import dev.concierge.channel.InboundMessage;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.memory.InMemoryAttachmentStore;
import dev.concierge.server.channels.ChannelInbound;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A customer first met by SMS or email gets the sender's name and the message's language. */
class ChannelCustomerProfileTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    private final ServiceFixture f = new ServiceFixture(clock);
    private final KeyedExecutor executor = new KeyedExecutor(1, "test");
    private final ChannelInbound inbound = new ChannelInbound(f.service(turn -> new BotDecision.Answer("greeting",
            0.9, "en", "Hello!", List.of(), null)), f.customers, new InMemoryAttachmentStore(), executor,
            new dev.concierge.core.memory.InMemoryPendingAnswers(), clock);

    @AfterEach
    void stop() {
        executor.close();
    }

    private Customer receive(Identity from, String text, Map<String, String> meta) {
        inbound.onMessage(new InboundMessage(Channel.EMAIL, from, text, List.of(), "p-" + text.hashCode(), null, "",
                meta, clock.instant()));
        return f.customers.findByIdentity(from).orElseThrow();
    }

    @Test
    void anEnglishEmailCustomerIsEnglishAndNamed() {
        Customer alice = receive(Identity.email("alice@example.org"), "Hello, where is my parcel?",
                Map.of(InboundMessage.SENDER_NAME, "Alice Zhang"));
        assertThat(alice.locale()).isEqualTo("en");
        assertThat(alice.displayName()).isEqualTo("Alice Zhang");
    }

    @Test
    void aKnownCustomerKeepsTheirNameAndLanguage() {
        Identity li = Identity.email("li@example.org");
        receive(li, "你好，我的包裹到哪了", Map.of(InboundMessage.SENDER_NAME, "李雷"));
        Customer later = receive(li, "thanks, got it", Map.of(InboundMessage.SENDER_NAME, "Lei Li"));
        assertThat(later.locale()).isEqualTo("zh");
        assertThat(later.displayName()).isEqualTo("李雷");
    }
}
