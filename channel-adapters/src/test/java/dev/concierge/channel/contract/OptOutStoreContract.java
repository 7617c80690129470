package dev.concierge.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import org.junit.jupiter.api.Test;

/** Every {@link OptOutStore} passes these tests. */
public interface OptOutStoreContract {

    OptOutStore optOuts();

    @Test
    default void optOutAndBackIn() {
        Identity phone = Identity.phone("+8613800138000");
        assertThat(optOuts().isOptedOut(Channel.SMS, phone)).isFalse();
        assertThat(optOuts().optOut(Channel.SMS, phone)).isTrue();
        assertThat(optOuts().optOut(Channel.SMS, Identity.phone("+86 138 0013 8000"))).isFalse();
        assertThat(optOuts().isOptedOut(Channel.SMS, phone)).isTrue();
        assertThat(optOuts().optIn(Channel.SMS, phone)).isTrue();
        assertThat(optOuts().optIn(Channel.SMS, phone)).isFalse();
        assertThat(optOuts().isOptedOut(Channel.SMS, phone)).isFalse();
    }

    @Test
    default void optOutIsPerChannelAndPerIdentity() {
        Identity email = Identity.email("a@example.com");
        optOuts().optOut(Channel.EMAIL, email);
        assertThat(optOuts().isOptedOut(Channel.SMS, email)).isFalse();
        assertThat(optOuts().isOptedOut(Channel.EMAIL, Identity.email("b@example.com"))).isFalse();
        assertThat(optOuts().isOptedOut(Channel.EMAIL, Identity.email("A@Example.com"))).isTrue();
    }
}
