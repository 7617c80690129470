package dev.concierge.channel;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import java.util.Objects;

/** Where a reply to a customer goes: the channel and the handle on that channel. */
public record OutboundRoute(Channel channel, Identity recipient) {
    public OutboundRoute {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        if (OutboundRouteSelector.identityTypeFor(channel) != recipient.type()) {
            throw new IllegalArgumentException(channel.wireName() + " cannot reach a " + recipient.type());
        }
    }
}
