package dev.concierge.server.conversation;

import dev.concierge.core.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs blocking work off the event loop, one task at a time per key: a customer's messages are handled in the
 * order they arrived while different customers proceed in parallel. Keys are spread over single-thread lanes.
 */
public final class KeyedExecutor implements AutoCloseable {
    private final List<ExecutorService> lanes;

    public KeyedExecutor(int threads, String name) {
        List<ExecutorService> created = new ArrayList<>(threads);
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        for (int i = 0; i < threads; i++) {
            created.add(Executors.newSingleThreadExecutor(factory));
        }
        this.lanes = List.copyOf(created);
    }

    /** Runs {@code task} on the key's lane; once the executor is shut down the future fails instead. */
    public <T> CompletableFuture<T> submit(Object key, Supplier<T> task) {
        ExecutorService lane = lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
        try {
            return CompletableFuture.supplyAsync(task, lane);
        } catch (RejectedExecutionException e) {
            // Shutting down (a socket closing during the drain): the caller's failure path answers, nothing throws
            // on the event loop.
            return CompletableFuture.failedFuture(new StoreUnavailableException("shutting down", e));
        }
    }

    /** Stops taking work and waits up to {@code graceMillis} for queued tasks to finish. */
    public boolean drain(long graceMillis) throws InterruptedException {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        boolean all = true;
        for (ExecutorService lane : lanes) {
            long left = Math.max(0, deadline - System.nanoTime());
            all &= lane.awaitTermination(left, TimeUnit.NANOSECONDS);
        }
        return all;
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
    }
}
