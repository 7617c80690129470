package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.bus.MessageBus;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

public interface MessageBusContract {

    /** Two handles on the same bus, as two nodes would have (may be the same object in memory). */
    MessageBus nodeA();

    MessageBus nodeB();

    @Test
    default void deliversToEverySubscriberOfTheTopicOnly() throws Exception {
        BlockingQueue<String> onA = new LinkedBlockingQueue<>();
        BlockingQueue<String> onB = new LinkedBlockingQueue<>();
        BlockingQueue<String> other = new LinkedBlockingQueue<>();
        try (MessageBus.Subscription a = nodeA().subscribe("live", onA::add);
                MessageBus.Subscription b = nodeB().subscribe("live", onB::add);
                MessageBus.Subscription c = nodeB().subscribe("other", other::add)) {
            nodeA().publish("live", "{\"type\":\"message\",\"text\":\"你好\"}");
            assertThat(onA.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"message\",\"text\":\"你好\"}");
            assertThat(onB.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"message\",\"text\":\"你好\"}");
            nodeB().publish("other", "x");
            assertThat(other.poll(5, TimeUnit.SECONDS)).isEqualTo("x");
            assertThat(onA.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}
