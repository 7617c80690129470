package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import dev.concierge.core.customer.IdentityConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Every {@link CustomerStore} implementation passes these tests. */
public interface CustomerStoreContract {

    CustomerStore customers();

    Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    default void findOrCreateReturnsTheSameCustomerForTheSameIdentity() {
        Customer a = customers().findOrCreate(Identity.phone("+86 138-0013-8000"), NOW);
        Customer b = customers().findOrCreate(Identity.phone("+8613800138000"), NOW);
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(customers().find(a.id())).contains(a);
    }

    @Test
    default void appUserIdBecomesTheCustomerId() {
        Customer c = customers().findOrCreate(Identity.appUser("shopper-42"), NOW);
        assertThat(c.id().value()).isEqualTo("shopper-42");
    }

    @Test
    default void linksIdentitiesAcrossChannels() {
        Customer app = customers().findOrCreate(Identity.appUser("shopper-7"), NOW);
        customers().link(app.id(), Identity.email("Li.Lei@Example.com"));
        Customer linked = customers().link(app.id(), Identity.phone("+8613900000000"));
        assertThat(linked.identities()).hasSize(3);
        assertThat(customers().findByIdentity(Identity.email("li.lei@example.com")).map(Customer::id))
                .contains(app.id());
        assertThat(customers().findOrCreate(Identity.phone("+8613900000000"), NOW).id()).isEqualTo(app.id());
    }

    @Test
    default void refusesToLinkAnIdentityOwnedBySomeoneElse() {
        Customer a = customers().findOrCreate(Identity.email("a@example.com"), NOW);
        Customer b = customers().findOrCreate(Identity.email("b@example.com"), NOW);
        assertThatThrownBy(() -> customers().link(b.id(), Identity.email("a@example.com")))
                .isInstanceOf(IdentityConflictException.class);
        assertThat(customers().find(b.id()).orElseThrow().identities()).hasSize(1);
        assertThat(customers().findByIdentity(Identity.email("a@example.com")).map(Customer::id)).contains(a.id());
    }

    @Test
    default void updatesProfileFields() {
        Customer c = customers().findOrCreate(Identity.appUser("vip-1"), NOW);
        customers().update(c.id(), x -> x.withProfile("王女士", "gold").withLocale("en"));
        Customer stored = customers().find(c.id()).orElseThrow();
        assertThat(stored.vipTier()).isEqualTo("gold");
        assertThat(stored.displayName()).isEqualTo("王女士");
        assertThat(stored.locale()).isEqualTo("en");
    }

    @Test
    default void concurrentFindOrCreateMakesOneCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Customer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> customers().findOrCreate(Identity.phone("+15550001111"), NOW));
            }
            Set<Object> ids = new HashSet<>();
            for (Future<Customer> f : pool.invokeAll(calls)) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void deleteRemovesCustomerAndIdentityIndex() {
        Customer c = customers().findOrCreate(Identity.email("gone@example.com"), NOW);
        assertThat(customers().delete(c.id())).isTrue();
        assertThat(customers().find(c.id())).isEmpty();
        assertThat(customers().findByIdentity(Identity.email("gone@example.com"))).isEmpty();
        assertThat(customers().delete(c.id())).isFalse();
    }
}
