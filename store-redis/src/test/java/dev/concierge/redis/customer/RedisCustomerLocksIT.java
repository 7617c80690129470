package dev.concierge.redis.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.contract.CustomerLocksContract;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.customer.CustomerLocks;
import dev.concierge.redis.RedisNamespace;
import dev.concierge.redis.RedisTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

class RedisCustomerLocksIT implements CustomerLocksContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("locks");
    private UnifiedJedis secondConnection;
    private CustomerLocks locks;
    private CustomerLocks other;

    @BeforeEach
    void connect() {
        secondConnection = RedisTestSupport.connectOrSkip();
        locks = new RedisCustomerLocks(redis.client(), redis.keys());
        other = new RedisCustomerLocks(secondConnection, redis.keys());
    }

    @AfterEach
    void disconnect() {
        ((RedisCustomerLocks) locks).close();
        ((RedisCustomerLocks) other).close();
        secondConnection.close();
    }

    @Test
    void slowWorkKeepsItsLockPastTheLease() {
        CustomerId customer = new CustomerId("cust-slow-work");
        try (RedisCustomerLocks shortLease = new RedisCustomerLocks(redis.client(), redis.keys(),
                Duration.ofMillis(300), Duration.ofSeconds(5));
                RedisCustomerLocks impatient = new RedisCustomerLocks(secondConnection, redis.keys(),
                        Duration.ofMillis(300), Duration.ofMillis(50))) {
            shortLease.withLock(customer, () -> {
                sleep(1000); // over three leases: the watchdog keeps extending it
                assertThatThrownBy(() -> impatient.withLock(customer, () -> "entered"))
                        .isInstanceOf(StoreUnavailableException.class);
                return null;
            });
            assertThat(impatient.withLock(customer, () -> "entered")).isEqualTo("entered");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CustomerLocks locks() {
        return locks;
    }

    @Override
    public CustomerLocks otherNode() {
        return other;
    }

    @Test
    void aDeadHoldersLockIsFreeOnceItsLeaseRunsOut() {
        CustomerId customer = new CustomerId("cust-dead-holder");
        // A node took the lock and was killed: nobody will ever release it.
        redis.client().set(redis.keys().customerLock(customer), "dead-node-token", SetParams.setParams().px(300));
        try (RedisCustomerLocks survivor = new RedisCustomerLocks(secondConnection, redis.keys(),
                Duration.ofSeconds(2), Duration.ofSeconds(10))) {
            assertThat(survivor.withLock(customer, () -> "taken over")).isEqualTo("taken over");
        }
        assertThat(redis.client().exists(redis.keys().customerLock(customer))).isFalse();
    }

    @Test
    void aBusyCustomerFailsCleanlyAfterTheWaitAndLeavesTheHoldersLockAlone() {
        CustomerId customer = new CustomerId("cust-busy");
        String key = redis.keys().customerLock(customer);
        redis.client().set(key, "holder-token", SetParams.setParams().px(30_000));
        try (RedisCustomerLocks impatient = new RedisCustomerLocks(secondConnection, redis.keys(),
                Duration.ofSeconds(2), Duration.ofMillis(100))) {
            assertThatThrownBy(() -> impatient.withLock(customer, () -> "never"))
                    .isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(redis.client().get(key)).isEqualTo("holder-token");
    }
}
