package dev.concierge.channel;

import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.IdentityType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the channel and recipient for a reply to a customer known on several channels: the channel the agent
 * picked if the customer can be reached there, else the channel the customer last wrote on, else the first
 * reachable channel in preference order. A channel is reachable when it is enabled, the customer has the
 * matching identity and has not opted out of it.
 */
public final class OutboundRouteSelector {
    private static final List<Channel> PREFERENCE = List.of(Channel.WEB_CHAT, Channel.EMAIL, Channel.SMS);

    private final Set<Channel> enabled;
    private final OptOutStore optOuts;

    public OutboundRouteSelector(Set<Channel> enabledChannels, OptOutStore optOuts) {
        this.enabled = Set.copyOf(enabledChannels);
        this.optOuts = optOuts;
    }

    /**
     * @param agentChoice  the channel the agent chose, or null
     * @param lastInbound  the channel of the customer's latest message, or null
     */
    public Optional<OutboundRoute> select(Customer customer, Channel agentChoice, Channel lastInbound) {
        if (agentChoice != null) {
            // an explicit choice that cannot be honoured is an error for the agent to see, not a silent switch
            return reachable(customer, agentChoice);
        }
        if (lastInbound != null) {
            Optional<OutboundRoute> last = reachable(customer, lastInbound);
            if (last.isPresent()) {
                return last;
            }
        }
        for (Channel c : PREFERENCE) {
            Optional<OutboundRoute> r = reachable(customer, c);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    public Optional<OutboundRoute> reachable(Customer customer, Channel channel) {
        if (!enabled.contains(channel)) {
            return Optional.empty();
        }
        return customer.identity(identityTypeFor(channel))
                .filter(id -> !optOuts.isOptedOut(channel, id))
                .map(id -> new OutboundRoute(channel, id));
    }

    /** Whether the customer has an address on the channel and opted out of it (their replies are suppressed). */
    public boolean optedOut(Customer customer, Channel channel) {
        return customer.identity(identityTypeFor(channel)).filter(id -> optOuts.isOptedOut(channel, id)).isPresent();
    }

    static IdentityType identityTypeFor(Channel channel) {
        return switch (channel) {
            case SMS -> IdentityType.PHONE;
            case EMAIL -> IdentityType.EMAIL;
            case WEB_CHAT, REST -> IdentityType.APP_USER;
        };
    }
}
