package dev.concierge.redis.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.curation.UnansweredLogContract;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.RedisNamespace;
import dev.concierge.redis.RedisTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

class RedisUnansweredLogIT implements UnansweredLogContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("unanswered");
    private UnansweredLog log;

    @BeforeEach
    void connect() {
        log = new RedisUnansweredLog(redis.client(), redis.keys(), new RedisJson(), 100);
    }

    @Override
    public UnansweredLog log() {
        return log;
    }

    @Test
    void keeps_only_the_newest_up_to_capacity() {
        UnansweredLog small = new RedisUnansweredLog(redis.client(), new RedisKeys(redis.namespace() + "-small"), new RedisJson(), 2);
        for (int i = 0; i < 5; i++) {
            small.record(UnansweredLogContract.question(i, "q" + i, ""));
        }
        assertThat(small.recent(10)).extracting(q -> q.text()).containsExactly("q4", "q3");
        RedisTestSupport.deleteNamespace(redis.client(), redis.namespace() + "-small");
    }
}
