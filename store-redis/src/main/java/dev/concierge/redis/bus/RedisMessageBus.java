package dev.concierge.redis.bus;

import dev.concierge.core.bus.MessageBus;
import dev.concierge.redis.RedisKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis pub/sub between nodes. One subscriber thread per node holds a dedicated connection on a pattern for the
 * namespace's bus channels and dispatches to local handlers; if the connection drops it resubscribes.
 */
public final class RedisMessageBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageBus.class);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Listener listener = new Listener();
    private final Thread thread;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile boolean running = true;

    public RedisMessageBus(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.thread = new Thread(this::listen, "concierge-bus");
        this.thread.setDaemon(true);
    }

    /** Starts the subscriber thread and waits (bounded) until Redis confirmed the subscription. */
    public RedisMessageBus start() {
        thread.start();
        try {
            if (!subscribed.await(5, TimeUnit.SECONDS)) {
                LOG.warn("bus subscription not confirmed within 5 s; frames may be missed until it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    @Override
    public void publish(String topic, String payload) {
        dev.concierge.redis.RedisFailures.guard(() -> redis.publish(keys.busChannel(topic), payload));
    }

    @Override
    public Subscription subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(keys.busChannel(topic), t -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> handlers.getOrDefault(keys.busChannel(topic), List.of()).remove(handler);
    }

    @Override
    public void close() {
        running = false;
        if (listener.isSubscribed()) {
            listener.punsubscribe();
        }
        thread.interrupt();
    }

    private void listen() {
        while (running) {
            try {
                redis.psubscribe(listener, keys.busChannel("*"));
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("bus subscription lost, resubscribing: {}", e.toString());
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private final class Listener extends JedisPubSub {
        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            subscribed.countDown();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
                try {
                    handler.accept(message);
                } catch (RuntimeException e) {
                    LOG.warn("bus handler failed: {}", e.toString());
                }
            }
        }
    }
}
