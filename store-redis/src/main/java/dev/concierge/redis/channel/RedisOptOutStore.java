package dev.concierge.redis.channel;

import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.Identity;
import dev.concierge.redis.RedisFailures;
import dev.concierge.redis.RedisKeys;
import redis.clients.jedis.UnifiedJedis;

/** One Redis set per channel of opted-out identity keys; SADD/SREM report whether anything changed. */
public final class RedisOptOutStore implements OptOutStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisOptOutStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public boolean optOut(Channel channel, Identity who) {
        return RedisFailures.guard(() -> redis.sadd(keys.channelOptOuts(channel.wireName()), who.key()) == 1);
    }

    @Override
    public boolean optIn(Channel channel, Identity who) {
        return RedisFailures.guard(() -> redis.srem(keys.channelOptOuts(channel.wireName()), who.key()) == 1);
    }

    @Override
    public boolean isOptedOut(Channel channel, Identity who) {
        return RedisFailures.guard(() -> redis.sismember(keys.channelOptOuts(channel.wireName()), who.key()));
    }
}
