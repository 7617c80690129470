package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link CustomerLocks} must do; {@link #otherNode()} shares the lock state with {@link #locks()}. */
public interface CustomerLocksContract {
    CustomerLocks locks();

    /** A second instance as another node would have it (its own connections, the same shared state). */
    CustomerLocks otherNode();

    @Test
    default void oneHolderAtATimeAcrossInstances() throws Exception {
        CustomerId customer = new CustomerId("cust-lock-1");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] counter = {0};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                CustomerLocks node = t % 2 == 0 ? locks() : otherNode();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        node.withLock(customer, () -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            int seen = counter[0];
                            Thread.onSpinWait();
                            counter[0] = seen + 1;
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).isZero();
        assertThat(counter[0]).isEqualTo(400);
    }

    @Test
    default void otherCustomersAreNotHeldUp() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> locks().withLock(new CustomerId("cust-lock-a"), () -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThat(otherNode().withLock(new CustomerId("cust-lock-b"), () -> "done")).isEqualTo("done");
        } finally {
            release.countDown();
            holder.join(10_000);
        }
    }

    @Test
    default void aFailureGivesTheLockBack() {
        CustomerId customer = new CustomerId("cust-lock-2");
        assertThatThrownBy(() -> locks().withLock(customer, () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(otherNode().withLock(customer, () -> 42)).isEqualTo(42);
    }
}
