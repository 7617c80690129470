package dev.concierge.channel.outbox;

import java.time.Duration;

/** Waits between inline retries. Injected so tests never sleep. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}
