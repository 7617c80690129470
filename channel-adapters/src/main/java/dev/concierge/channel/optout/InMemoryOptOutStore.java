package dev.concierge.channel.optout;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default. */
public final class InMemoryOptOutStore implements OptOutStore {
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();

    @Override
    public boolean optOut(Channel channel, Identity who) {
        return optedOut.add(channel.wireName() + "|" + who.key());
    }

    @Override
    public boolean optIn(Channel channel, Identity who) {
        return optedOut.remove(channel.wireName() + "|" + who.key());
    }

    @Override
    public boolean isOptedOut(Channel channel, Identity who) {
        return optedOut.contains(channel.wireName() + "|" + who.key());
    }
}
