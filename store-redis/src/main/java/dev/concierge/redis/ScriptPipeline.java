package dev.concierge.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs Lua scripts for many threads, sending the calls that are waiting at the same moment as one pipelined round
 * trip: a caller that finds a free lane sends everything queued (its own call and the others'), reads the replies and
 * hands each caller its own; the others park until then. With one caller it is one EVALSHA as before; under load
 * Redis reads many calls with one read and answers them with one write, and this process wakes once per batch instead
 * of once per call: on a small machine that per-round-trip work (loopback TCP, waking the other side) was most of
 * the CPU a routing call cost, on both sides.
 *
 * <p>Each call is still its own script, atomic on its own; calls in one batch run one after the other in queue order,
 * as they would from separate connections. A connection failure fails every call of the batch with the same
 * {@code JedisConnectionException} (so {@link RedisFailures#guard} still turns it into "store unavailable"); a reply
 * error fails only its call; NOSCRIPT (after a Redis restart) re-runs that call with EVAL. Thread-safe.
 */
public final class ScriptPipeline {
    /** Calls per round trip at most, so that one batch's replies do not hold its callers back for long. */
    private static final int MAX_BATCH = 64;
    /** Batches one caller sends in a row before going back to its own work. */
    private static final int MAX_BATCHES_PER_TURN = 8;

    private final UnifiedJedis redis;
    private final int lanes;
    private final AtomicInteger sending = new AtomicInteger();
    private final ConcurrentLinkedQueue<Call> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param lanes batches in flight at once (each on its own pooled connection): with one, Redis would wait for this
     *              process between batches
     */
    public ScriptPipeline(UnifiedJedis redis, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1");
        }
        this.redis = redis;
        this.lanes = lanes;
    }

    private static final class Call {
        final RedisScript script;
        final List<String> keys;
        final List<String> args;
        final Thread caller;
        Object result;
        RuntimeException error;
        volatile boolean done;

        Call(RedisScript script, List<String> keys, List<String> args, Thread caller) {
            this.script = script;
            this.keys = keys;
            this.args = args;
            this.caller = caller;
        }

        void complete(Object value, RuntimeException failure) {
            result = value;
            error = failure;
            done = true;
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Runs the script (EVALSHA, EVAL after NOSCRIPT) and returns its reply as {@link RedisScript#run} does. */
    public Object run(RedisScript script, List<String> keys, List<String> args) {
        Call call = new Call(script, keys, args, Thread.currentThread());
        waiting.add(call);
        boolean interrupted = false;
        while (!call.done) {
            if (!waiting.isEmpty() && takeLane()) {
                try {
                    // this thread is running: it sends what queued meanwhile too, rather than leave it to a parked
                    // caller that the scheduler of a busy machine may take milliseconds to run
                    int batches = 0;
                    do {
                        sendBatch();
                    } while (++batches < MAX_BATCHES_PER_TURN && !waiting.isEmpty());
                } finally {
                    sending.decrementAndGet();
                    // a caller that queued while every lane was busy parked: let the first one still waiting send
                    Call next = waiting.peek();
                    if (next != null) {
                        LockSupport.unpark(next.caller);
                    }
                }
            } else if (!call.done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // the call may be in flight: wait for it all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (call.error != null) {
            throw call.error;
        }
        return call.result;
    }

    private static void failUndone(List<Call> batch, RuntimeException failure) {
        for (Call c : batch) {
            if (!c.done) {
                c.complete(null, failure);
            }
        }
    }

    private boolean takeLane() {
        for (int n = sending.get(); n < lanes; n = sending.get()) {
            if (sending.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    private void sendBatch() {
        List<Call> batch = new ArrayList<>();
        for (Call c; batch.size() < MAX_BATCH && (c = waiting.poll()) != null; ) {
            batch.add(c);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<Call> notLoaded = new ArrayList<>(0);
            List<Response<Object>> replies = new ArrayList<>(batch.size());
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Call c : batch) {
                    replies.add(pipeline.evalsha(c.script.sha1(), c.keys, c.args));
                }
                pipeline.sync();
            }
            for (int i = 0; i < batch.size(); i++) {
                Call c = batch.get(i);
                try {
                    c.complete(replies.get(i).get(), null);
                } catch (JedisNoScriptException e) {
                    notLoaded.add(c);
                } catch (RuntimeException e) {
                    c.complete(null, e);
                }
            }
            for (Call c : notLoaded) {
                try {
                    c.complete(c.script.run(redis, c.keys, c.args), null);
                } catch (RuntimeException e) {
                    c.complete(null, e);
                }
            }
        } catch (RuntimeException e) {
            failUndone(batch, e);
        } catch (Error e) {
            // the other callers of the batch would otherwise wait forever
            failUndone(batch, new IllegalStateException("script pipeline failed", e));
            throw e;
        }
    }
}
