package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.curation.UnansweredLogContract;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

class RedisUnansweredLogIT implements UnansweredLogContract {
    private UnifiedJedis redis;
    private String namespace;
    private UnansweredLog log;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("unanswered");
        log = new RedisUnansweredLog(redis, new RedisKeys(namespace), new RedisJson(), 100);
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Override
    public UnansweredLog log() {
        return log;
    }

    @Test
    void keeps_only_the_newest_up_to_capacity() {
        UnansweredLog small = new RedisUnansweredLog(redis, new RedisKeys(namespace + "-small"), new RedisJson(), 2);
        for (int i = 0; i < 5; i++) {
            small.record(UnansweredLogContract.question(i, "q" + i, ""));
        }
        assertThat(small.recent(10)).extracting(q -> q.text()).containsExactly("q4", "q3");
        RedisTestSupport.deleteNamespace(redis, namespace + "-small");
    }
}
