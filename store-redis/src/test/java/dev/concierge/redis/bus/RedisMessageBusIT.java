package dev.concierge.redis.bus;

import dev.concierge.core.bus.MessageBus;
import dev.concierge.core.contract.MessageBusContract;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.UnifiedJedis;

class RedisMessageBusIT implements MessageBusContract {
    private UnifiedJedis redisA;
    private UnifiedJedis redisB;
    private RedisMessageBus a;
    private RedisMessageBus b;

    @BeforeEach
    void connect() {
        redisA = RedisTestSupport.connectOrSkip();
        redisB = RedisTestSupport.connectOrSkip();
        RedisKeys keys = new RedisKeys(RedisTestSupport.uniqueNamespace("bus"));
        a = new RedisMessageBus(redisA, keys).start();
        b = new RedisMessageBus(redisB, keys).start();
    }

    @AfterEach
    void close() {
        if (a != null) {
            a.close();
            b.close();
        }
        if (redisA != null) {
            redisA.close();
            redisB.close();
        }
    }

    @Override
    public MessageBus nodeA() {
        return a;
    }

    @Override
    public MessageBus nodeB() {
        return b;
    }
}
