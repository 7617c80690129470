package dev.concierge.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.optout.InMemoryOptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.Identity;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboundRouteSelectorTest {
    private final InMemoryOptOutStore optOuts = new InMemoryOptOutStore();
    private final OutboundRouteSelector selector =
            new OutboundRouteSelector(Set.of(Channel.WEB_CHAT, Channel.SMS, Channel.EMAIL), optOuts);
    private final Customer customer = new Customer(new CustomerId("u-1"), "", "zh", "",
            Set.of(Identity.appUser("u-1"), Identity.phone("+8613800138000"), Identity.email("a@example.com")),
            Instant.EPOCH);

    @Test
    void theChannelTheCustomerLastUsedWins() {
        assertThat(selector.select(customer, null, Channel.SMS))
                .contains(new OutboundRoute(Channel.SMS, Identity.phone("+8613800138000")));
        assertThat(selector.select(customer, null, Channel.EMAIL))
                .contains(new OutboundRoute(Channel.EMAIL, Identity.email("a@example.com")));
    }

    @Test
    void theAgentsChoiceWinsButIsNotSilentlyReplaced() {
        assertThat(selector.select(customer, Channel.EMAIL, Channel.SMS)).map(OutboundRoute::channel).contains(Channel.EMAIL);
        Customer phoneOnly = new Customer(new CustomerId("u-2"), "", "zh", "", Set.of(Identity.phone("+8613900139000")),
                Instant.EPOCH);
        assertThat(selector.select(phoneOnly, Channel.EMAIL, Channel.SMS)).isEmpty();
    }

    @Test
    void optedOutOrDisabledChannelsAreSkipped() {
        optOuts.optOut(Channel.SMS, Identity.phone("+8613800138000"));
        assertThat(selector.select(customer, null, Channel.SMS)).map(OutboundRoute::channel).contains(Channel.WEB_CHAT);
        OutboundRouteSelector smsOnly = new OutboundRouteSelector(Set.of(Channel.SMS), optOuts);
        assertThat(smsOnly.select(customer, null, Channel.EMAIL)).isEmpty();
    }
}
