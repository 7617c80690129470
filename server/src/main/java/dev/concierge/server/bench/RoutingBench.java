package dev.concierge.server.bench;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.cli.CommandOptions;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.redis.RedisConnections;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.routing.RedisRouting;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Offer;
import dev.concierge.routing.Presence;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.sla.BusinessCalendar;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.InMemoryTicketStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code bench routing [--store memory|redis] [--redis URL] [--agents N] [--conversations N] [--threads N]
 * [--warmup N]}: a
 * closed loop of simulated shoppers (one conversation at a time per thread) handing off to simulated agents who
 * accept every offer and close at once. An assignment is timed from {@code enqueue} to the end of {@code accept}.
 * Progress goes to stderr; the last line on stdout is one JSON object. Uses only core, routing, store-redis and the
 * JDK (the Jedis client type comes through store-redis's {@code RedisConnections}). Exit code 0 when no double
 * assignment, loss or capacity violation was seen, 1 otherwise, 2 on bad arguments.
 */
public final class RoutingBench {
    private static final List<String> SKILLS = List.of("logistics", "refunds", "account_security", "presale");
    private static final List<Channel> CHANNELS = List.of(Channel.WEB_CHAT, Channel.EMAIL, Channel.SMS);

    private RoutingBench() {
    }

    /** Direct start ({@code java ... RoutingBench routing --store ...}, docs/benchmarks/routing.md): the word is optional. */
    public static void main(String[] args) {
        boolean named = args.length > 0 && args[0].equals("routing");
        System.exit(run(named ? Arrays.copyOfRange(args, 1, args.length) : args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String store;
        String redisUrl;
        int agents;
        int conversations;
        int threads;
        int warmup;
        try {
            CommandOptions options = CommandOptions.parse(args,
                    Set.of("store", "redis", "agents", "conversations", "threads", "warmup"));
            store = options.get("store", "memory");
            redisUrl = options.get("redis", "redis://127.0.0.1:6379");
            agents = options.integer("agents", 50, 1, 1_000_000);
            conversations = options.integer("conversations", 20_000, 1, 100_000_000);
            threads = options.integer("threads", 8, 1, 1_024);
            // unmeasured conversations first: with only 2,000 the JIT was still compiling through a 20,000-conversation
            // Redis run and the JVM's CPU per assignment read ~1.7x its steady value
            warmup = options.integer("warmup", 10_000, 0, 100_000_000);
            if (!store.equals("memory") && !store.equals("redis")) {
                throw new IllegalArgumentException("--store must be memory or redis");
            }
        } catch (IllegalArgumentException e) {
            err.println("bench routing: " + e.getMessage());
            err.println("usage: bench routing [--store memory|redis] [--redis URL] [--agents N] [--conversations N]"
                    + " [--threads N] [--warmup N]");
            return 2;
        }
        UnifiedJedis redis = null;
        String namespace = "bench-routing-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            RoutingStores stores;
            if (store.equals("redis")) {
                redis = RedisConnections.open(redisUrl, threads * 2 + 4, Duration.ofSeconds(5));
                stores = RedisRouting.stores(redis, new RedisKeys(namespace), new RedisJson());
            } else {
                stores = new RoutingStores(new InMemoryRoutingState(), new InMemoryAgentDirectory(),
                        new InMemoryTicketStore());
            }
            UnifiedJedis client = redis;
            DoubleSupplier redisCpu = client == null ? () -> 0.0 : () -> redisCpuSeconds(client);
            Result r = new Run(stores, agents, conversations, threads, err).go(warmup, redisCpu);
            out.println(String.format(Locale.ROOT,
                    "{\"store\":\"%s\",\"agents\":%d,\"conversations\":%d,\"threads\":%d,"
                            + "\"assignments_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,"
                            + "\"double_assignments\":%d,\"lost\":%d,\"capacity_violations\":%d,"
                            + "\"jvm_cpu_us_per_assignment\":%.1f,\"redis_cpu_us_per_assignment\":%.1f}",
                    store, agents, conversations, threads, r.perSecond, r.p50Ms, r.p99Ms, r.doubles, r.lost,
                    r.capacityViolations, r.jvmCpuMicros, r.redisCpuMicros));
            return r.doubles == 0 && r.lost == 0 && r.capacityViolations == 0 ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("bench routing failed: " + e);
            return 1;
        } finally {
            if (redis != null) {
                RedisRouting.deleteNamespace(redis, new RedisKeys(namespace));
                redis.close();
            }
        }
    }

    /**
     * CPU time per assignment, load-independent unlike the rate on a shared machine: the JVM's (all threads,
     * including the watchdog and the bench's own bookkeeping) and the Redis server's ({@code INFO cpu}, so any other
     * client of the same server during the run is counted too).
     */
    private record Result(double perSecond, double p50Ms, double p99Ms, long doubles, long lost,
            long capacityViolations, double jvmCpuMicros, double redisCpuMicros) {
    }

    /** used_cpu_sys + used_cpu_user of the Redis server, in seconds. */
    private static double redisCpuSeconds(UnifiedJedis redis) {
        double seconds = 0;
        for (String line : redis.info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0L;
    }

    /** One benchmark run: the agents' desk answers offers; shopper threads hand off one conversation at a time. */
    private static final class Run implements RoutingEvents {
        private final RoutingStores stores;
        private final int agents;
        private final int conversations;
        private final int threads;
        private final PrintStream err;
        private final Map<ConversationId, CompletableFuture<Offer>> pending = new ConcurrentHashMap<>();
        private final Map<ConversationId, AtomicInteger> accepted = new ConcurrentHashMap<>();
        private final Map<AgentId, AgentProfile> profiles = new ConcurrentHashMap<>();
        private final AtomicLong capacityViolations = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private Router router;

        Run(RoutingStores stores, int agents, int conversations, int threads, PrintStream err) {
            this.stores = stores;
            this.agents = agents;
            this.conversations = conversations;
            this.threads = threads;
            this.err = err;
        }

        Result go(int warmup, DoubleSupplier redisCpuSeconds) {
            RoutingSettings settings = RoutingSettings.defaults().withCalendar(BusinessCalendar.always(ZoneOffset.UTC));
            router = new QueueingRouter(stores, settings, this, Clock.systemUTC());
            for (int i = 0; i < agents; i++) {
                Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
                capacity.put(Channel.WEB_CHAT, 3);
                capacity.put(Channel.EMAIL, 10);
                capacity.put(Channel.SMS, 5);
                Set<String> skills = i % 2 == 0 ? Set.copyOf(SKILLS) : Set.of(SKILLS.get(i % 4), SKILLS.get(0));
                Set<String> languages = i % 3 == 0 ? Set.of("en") : Set.of("zh", "en");
                AgentProfile p = new AgentProfile(new AgentId("bench-agent-" + i), null, skills, languages, capacity,
                        Set.of("general"), false);
                profiles.put(p.id(), p);
                stores.agents().put(p);
                router.setPresence(p.id(), Presence.ONLINE);
            }
            err.printf("bench routing: %d agents online, %d conversations, %d shopper threads%n", agents,
                    conversations, threads);
            // warm-up (JIT, connections, scripts loaded), not measured
            loop(warmup, "warm", new long[warmup]);
            done.set(0);
            accepted.clear();

            long[] latencies = new long[conversations];
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watchdog = new Thread(() -> {
                while (watching.get()) {
                    checkCapacity();
                    sleep(50); // a sample, not a hot loop: it must not steal the CPU it measures
                }
            }, "capacity-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            double redisCpuBefore = redisCpuSeconds.getAsDouble();
            long jvmCpuBefore = processCpuNanos();
            long start = System.nanoTime();
            loop(conversations, "run", latencies);
            long elapsed = System.nanoTime() - start;
            double jvmCpuMicros = (processCpuNanos() - jvmCpuBefore) / 1e3 / conversations;
            double redisCpuMicros = (redisCpuSeconds.getAsDouble() - redisCpuBefore) * 1e6 / conversations;
            watching.set(false);
            checkCapacity();

            long doubles = accepted.values().stream().filter(n -> n.get() > 1).count();
            long lost = conversations - accepted.values().stream().filter(n -> n.get() >= 1).count()
                    + stores.state().waitingCount();
            Arrays.sort(latencies);
            double perSecond = conversations / (elapsed / 1e9);
            err.printf("bench routing: %d assignments in %.2f s%n", conversations, elapsed / 1e9);
            return new Result(perSecond, latencies[(int) (conversations * 0.50)] / 1e6,
                    latencies[Math.min(conversations - 1, (int) Math.ceil(conversations * 0.99) - 1)] / 1e6,
                    doubles, lost, capacityViolations.get(), jvmCpuMicros, redisCpuMicros);
        }

        private void loop(int count, String label, long[] latencies) {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Thread shopper = new Thread(() -> {
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < count) {
                            latencies[i] = oneConversation(label + "-" + i, i);
                            int n = done.incrementAndGet();
                            if (n % 10_000 == 0) {
                                err.printf("bench routing: %s %d/%d%n", label, n, count);
                            }
                        }
                    } finally {
                        finished.countDown();
                    }
                }, "shopper-" + t);
                shopper.start();
            }
            try {
                if (!finished.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("bench did not finish in 10 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private long oneConversation(String id, int i) {
            ConversationId conversation = new ConversationId("bench-" + id);
            CompletableFuture<Offer> offer = new CompletableFuture<>();
            pending.put(conversation, offer);
            accepted.put(conversation, new AtomicInteger());
            Set<String> skills = i % 3 == 0 ? Set.of() : Set.of(SKILLS.get(i % SKILLS.size()));
            HandoffTicket ticket = new HandoffTicket(conversation, new CustomerId("bench-shopper-" + id),
                    CHANNELS.get(i % CHANNELS.size()), i % 2 == 0 ? "zh" : "en", skills, i % 4, "human_request",
                    java.time.Instant.now());
            long t0 = System.nanoTime();
            router.enqueue(ticket);
            Offer got;
            try {
                got = offer.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                pending.remove(conversation);
                router.release(conversation);
                return TimeUnit.SECONDS.toNanos(30);
            }
            router.accept(got.agent(), conversation);
            long latency = System.nanoTime() - t0;
            accepted.get(conversation).incrementAndGet();
            router.release(conversation);
            return latency;
        }

        private void checkCapacity() {
            stores.state().agents().forEach((id, s) -> s.load().forEach((channel, n) -> {
                AgentProfile p = profiles.get(id);
                if (p != null && (n < 0 || n > p.capacityOn(channel))) {
                    capacityViolations.incrementAndGet();
                }
            }));
        }

        @Override
        public void offered(Offer offer) {
            CompletableFuture<Offer> f = pending.remove(offer.conversationId());
            if (f != null) {
                f.complete(offer);
            }
        }

        @Override
        public void offerWithdrawn(AgentId agent, ConversationId conversation, String reason) {
        }

        @Override
        public void assigned(AgentId agent, ConversationId conversation) {
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
