package dev.concierge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Concurrent callers each get their own reply; a failing call fails alone; NOSCRIPT falls back to EVAL. */
class ScriptPipelineIT {
    private static final RedisScript INCR_AND_ECHO = new RedisScript("""
            return {redis.call('INCR', KEYS[1]), ARGV[1]}
            """);
    private static final RedisScript FAIL_ON_BAD = new RedisScript("""
            if ARGV[1] == 'bad' then return redis.error_reply('bad argument') end
            return ARGV[1]
            """);

    private UnifiedJedis redis;
    private String namespace;

    @BeforeEach
    void connect() {
        redis = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace("script-pipeline");
    }

    @AfterEach
    void cleanUp() {
        if (redis != null) {
            RedisTestSupport.deleteNamespace(redis, namespace);
            redis.close();
        }
    }

    @Test
    void concurrentCallersGetTheirOwnReplyAndEveryCallRunsOnce() throws InterruptedException {
        ScriptPipeline pipeline = new ScriptPipeline(redis, 2);
        String counter = namespace + ":counter";
        int threads = 12;
        int callsEach = 500;
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> counts = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                try {
                    for (int i = 0; i < callsEach; i++) {
                        String mine = thread + "-" + i;
                        List<?> reply = (List<?>) pipeline.run(INCR_AND_ECHO, List.of(counter), List.of(mine));
                        if (!mine.equals(reply.get(1))) {
                            problems.add(mine + " got " + reply.get(1));
                        }
                        counts.add((Long) reply.get(0));
                    }
                } catch (RuntimeException e) {
                    problems.add(e.toString());
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        finished.await();
        assertThat(problems).isEmpty();
        // every call ran exactly once: the counter values are 1..n, each seen once
        List<Long> sorted = new ArrayList<>(counts);
        sorted.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= (long) threads * callsEach; n++) {
            expected.add(n);
        }
        assertThat(sorted).isEqualTo(expected);
    }

    @Test
    void anErrorReplyFailsOnlyItsOwnCall() {
        ScriptPipeline pipeline = new ScriptPipeline(redis, 1);
        assertThat(pipeline.run(FAIL_ON_BAD, List.of(namespace + ":k"), List.of("good"))).isEqualTo("good");
        assertThatThrownBy(() -> pipeline.run(FAIL_ON_BAD, List.of(namespace + ":k"), List.of("bad")))
                .isInstanceOf(JedisDataException.class).hasMessageContaining("bad argument");
        assertThat(pipeline.run(FAIL_ON_BAD, List.of(namespace + ":k"), List.of("again"))).isEqualTo("again");
    }

    @Test
    void aScriptRedisDoesNotKnowYetIsSentWithEval() {
        // a new source (unique comment) has a SHA-1 no Redis has loaded: EVALSHA answers NOSCRIPT
        RedisScript unseen = new RedisScript("-- " + UUID.randomUUID() + "\nreturn ARGV[1]");
        ScriptPipeline pipeline = new ScriptPipeline(redis, 2);
        assertThat(pipeline.run(unseen, List.of(namespace + ":k"), List.of("loaded"))).isEqualTo("loaded");
        assertThat(pipeline.run(unseen, List.of(namespace + ":k"), List.of("again"))).isEqualTo("again");
    }
}
