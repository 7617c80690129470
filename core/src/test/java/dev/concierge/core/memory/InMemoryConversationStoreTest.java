package dev.concierge.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.contract.ConversationStoreContract;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.CustomerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryConversationStoreTest implements ConversationStoreContract {
    private ConversationStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryConversationStore();
    }

    @Override
    public ConversationStore store() {
        return store;
    }

    @Test
    void theIndexByCustomerKeepsUpWithConcurrentWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 300; n++) {
                        int i = n;
                        String customer = "u-" + (i % 40);
                        Conversation c = newConversation(customer);
                        store.create(c);
                        store.update(c.id(), x -> x.transition(ConversationStatus.CLOSED, "agent", null, "done",
                                T0.plusSeconds(thread * 1000L + i)));
                        assertThat(store.listByCustomer(new CustomerId(customer))).contains(c.id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (int i = 0; i < 40; i++) {
            List<ConversationId> ids = store.listByCustomer(new CustomerId("u-" + i));
            total += ids.size();
        }
        assertThat(total).isEqualTo(8 * 300);
    }
}
