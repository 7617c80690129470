package dev.concierge.server.channels;

import dev.concierge.channel.dedupe.IdempotencyStore;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.channel.email.InMemoryEmailThreadStore;
import dev.concierge.channel.optout.InMemoryOptOutStore;
import dev.concierge.channel.optout.OptOutStore;
import dev.concierge.channel.outbox.InMemoryOutboxStore;
import dev.concierge.channel.outbox.OutboxStore;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.channel.RedisEmailThreadStore;
import dev.concierge.redis.channel.RedisIdempotencyStore;
import dev.concierge.redis.channel.RedisOptOutStore;
import dev.concierge.redis.channel.RedisOutboxStore;
import java.time.Clock;
import redis.clients.jedis.UnifiedJedis;

/** The channels' own state: provider-id de-duplication, opt-outs, the outbox and email threads. */
public record ChannelStores(IdempotencyStore dedupe, OptOutStore optOuts, OutboxStore outbox,
        EmailThreadStore threads) {

    public static ChannelStores inMemory(Clock clock) {
        return new ChannelStores(new InMemoryIdempotencyStore(clock), new InMemoryOptOutStore(),
                new InMemoryOutboxStore(), new InMemoryEmailThreadStore());
    }

    public static ChannelStores redis(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        return new ChannelStores(new RedisIdempotencyStore(redis, keys), new RedisOptOutStore(redis, keys),
                new RedisOutboxStore(redis, keys, json), new RedisEmailThreadStore(redis, keys));
    }
}
