package dev.concierge.channel.optout;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;

/**
 * Who asked not to be messaged on a channel (SMS STOP). Output channels check it before every send.
 * Implementations are thread-safe; a change is visible to every node at once.
 */
public interface OptOutStore {

    /** @return true when this changed something (the identity was not opted out before) */
    boolean optOut(Channel channel, Identity who);

    /** @return true when this changed something (the identity was opted out before) */
    boolean optIn(Channel channel, Identity who);

    boolean isOptedOut(Channel channel, Identity who);
}
