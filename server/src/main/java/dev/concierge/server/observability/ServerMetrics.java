package dev.concierge.server.observability;

import dev.concierge.core.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The server's Prometheus metrics. Names follow Prometheus conventions: concierge_*, base units. */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger chatSockets = new AtomicInteger();
    private final AtomicInteger agentSockets = new AtomicInteger();
    /*
     * Meters looked up once per tag value: building and registering a meter per call (a builder, an id, a registry
     * map look-up) cost about 2 % of a fast-profile message's CPU in the load benchmark. Tag values come from the
     * server's own small vocabularies (channels, decision actions, handoff reasons, rejection codes).
     */
    private final Map<Channel, Counter> inboundCounters = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> handlingTimers = new EnumMap<>(Channel.class);
    private final Map<String, Counter> decisionCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> handoffCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedCounters = new ConcurrentHashMap<>();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        registry.gauge("concierge_chat_sockets", chatSockets);
        registry.gauge("concierge_agent_sockets", agentSockets);
        for (Channel channel : Channel.values()) {
            inboundCounters.put(channel, Counter.builder("concierge_messages_inbound")
                    .tag("channel", channel.wireName()).register(registry));
            handlingTimers.put(channel, Timer.builder("concierge_message_handling").tag("channel", channel.wireName())
                    .publishPercentiles(0.5, 0.99)
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(250))
                    .register(registry));
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public void chatSocketOpened() {
        chatSockets.incrementAndGet();
    }

    public void chatSocketClosed() {
        chatSockets.decrementAndGet();
    }

    public void agentSocketOpened() {
        agentSockets.incrementAndGet();
    }

    public void agentSocketClosed() {
        agentSockets.decrementAndGet();
    }

    /** One customer message handled end to end (stored, bot decided, reply sent). */
    public void inbound(Channel channel, long nanos) {
        inboundCounters.get(channel).increment();
        handlingTimers.get(channel).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void botDecision(String action, String intent) {
        decisionCounters.computeIfAbsent(action, a -> Counter.builder("concierge_bot_decisions").tag("action", a)
                .register(registry)).increment();
    }

    public void handoff(String reason) {
        handoffCounters.computeIfAbsent(reason, r -> Counter.builder("concierge_handoffs").tag("reason", r)
                .register(registry)).increment();
    }

    public void rejected(String surface, String code) {
        rejectedCounters.computeIfAbsent(surface + '\u0000' + code, k -> Counter.builder("concierge_rejected_requests")
                .tag("surface", surface).tag("code", code).register(registry)).increment();
    }
}
