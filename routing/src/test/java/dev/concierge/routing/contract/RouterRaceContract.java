package dev.concierge.routing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Offer;
import dev.concierge.routing.OfferNotFoundException;
import dev.concierge.routing.Presence;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingSettings;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two routers share one routing state (for Redis: each with its own client). 1,000 concurrent handoffs to 20 agents
 * with mixed skills, languages and capacity; simulated agents accept, decline or ignore offers through either node;
 * some agents go away or offline and come back mid-run; a ticker expires ignored offers on both nodes at once.
 * Afterwards every conversation was taken exactly once (none lost, none doubled), a watchdog never saw a load above a
 * capacity, and every offer respected skills and language.
 */
public interface RouterRaceContract {
    int CONVERSATIONS = 1_000;
    List<String> SKILLS = List.of("logistics", "refunds", "account_security", "presale");
    List<Channel> CHANNELS = List.of(Channel.WEB_CHAT, Channel.EMAIL, Channel.SMS);

    /** Two views of one fresh, empty routing state, as two nodes would have. */
    RoutingStores[] twoNodes();

    @Test
    default void overdueTimersFireExactlyOnceWhenEveryNodeTicks() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        RoutingSettings settings = RoutingSettings.defaults().withCalendar(BusinessCalendar.always(ZoneOffset.UTC));
        RoutingStores[] nodes = twoNodes();
        RecordingEvents eventsA = new RecordingEvents();
        RecordingEvents eventsB = new RecordingEvents();
        Router a = new QueueingRouter(nodes[0], settings, eventsA, clock);
        Router b = new QueueingRouter(nodes[1], settings, eventsB, clock);
        // room for 120: an expired offer is not offered back to its agent for a while, and with 9 other agents
        // at 12 each, every one of the 100 finds another agent with room whatever the order
        for (int i = 0; i < 10; i++) {
            nodes[0].agents().put(new AgentProfile(new AgentId("t-agent-" + i), null, Set.of(), Set.of("zh", "en"),
                    Map.of(Channel.WEB_CHAT, 12), Set.of(), false));
            a.setPresence(new AgentId("t-agent-" + i), Presence.ONLINE);
        }
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? a : b).enqueue(new HandoffTicket(new ConversationId("t-" + i), new CustomerId("tc-" + i),
                    Channel.WEB_CHAT, "zh", Set.of(), 0, "human_request", clock.instant()));
        }
        clock.advance(Duration.ofSeconds(31));
        ExecutorService tickers = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> ticks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Router via = i % 2 == 0 ? a : b;
            ticks.add(tickers.submit(via::tick));
        }
        for (java.util.concurrent.Future<?> t : ticks) {
            t.get(30, TimeUnit.SECONDS);
        }
        tickers.shutdown();

        List<String> timeouts = new ArrayList<>();
        eventsA.withdrawn.stream().filter(w -> w.endsWith(":timeout")).forEach(timeouts::add);
        eventsB.withdrawn.stream().filter(w -> w.endsWith(":timeout")).forEach(timeouts::add);
        assertThat(timeouts).hasSize(100).doesNotHaveDuplicates();
        // every expired offer was re-offered (to another agent) exactly once more
        long reoffers = eventsA.offers.size() + eventsB.offers.size() - 100;
        assertThat(reoffers).isEqualTo(100);
    }

    @Test
    default void noDoubleAssignmentNoLossNoCapacityViolationAcrossTwoNodes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        RoutingSettings settings = RoutingSettings.defaults()
                .withCalendar(BusinessCalendar.always(ZoneOffset.UTC));
        RoutingStores[] nodes = twoNodes();
        RoutingStores storesA = nodes[0];
        RoutingStores storesB = nodes[1];

        Map<AgentId, AgentProfile> profiles = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            AgentProfile p = agent(i);
            profiles.put(p.id(), p);
            storesA.agents().put(p);
        }

        ExecutorService agentsDesk = Executors.newFixedThreadPool(6);
        Map<ConversationId, HandoffTicket> tickets = new ConcurrentHashMap<>();
        Map<ConversationId, AtomicInteger> accepts = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> holding = new ConcurrentHashMap<>();
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Router[]> routers = new AtomicReference<>();

        RoutingEvents desk = new RoutingEvents() {
            @Override
            public void offered(Offer offer) {
                AgentProfile p = profiles.get(offer.agent());
                HandoffTicket t = offer.ticket();
                if (!p.skills().containsAll(t.skills()) || !p.languages().contains(t.language())
                        || p.capacityOn(t.channel()) == 0) {
                    violations.add("ineligible offer " + offer);
                }
                agentsDesk.execute(() -> respond(offer, routers.get(), accepts, holding, profiles, violations,
                        completed));
            }

            @Override
            public void offerWithdrawn(AgentId agent, ConversationId conversation, String reason) {
            }

            @Override
            public void assigned(AgentId agent, ConversationId conversation) {
            }
        };
        Router nodeA = new QueueingRouter(storesA, settings, desk, clock);
        Router nodeB = new QueueingRouter(storesB, settings, desk, clock);
        routers.set(new Router[] {nodeA, nodeB});
        for (AgentId id : profiles.keySet()) {
            nodeA.setPresence(id, Presence.ONLINE);
        }

        // the ticker: moves time past the offer timeout and fires timers on both nodes concurrently
        ExecutorService background = Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        background.execute(() -> {
            while (running.get()) {
                // every tick expires every open offer, including fresh ones: too often and a CPU-starved desk
                // never gets to accept anything
                sleepQuietly(400);
                clock.advance(Duration.ofSeconds(31));
                Thread a = new Thread(nodeA::tick);
                Thread b = new Thread(nodeB::tick);
                a.start();
                b.start();
                joinQuietly(a);
                joinQuietly(b);
            }
        });
        // presence churn: specialists (never the generalists) leave and come back
        background.execute(() -> {
            while (running.get()) {
                sleepQuietly(40);
                AgentId who = new AgentId("agent-" + (4 + ThreadLocalRandom.current().nextInt(16)));
                Router via = routers.get()[ThreadLocalRandom.current().nextInt(2)];
                via.setPresence(who, ThreadLocalRandom.current().nextBoolean() ? Presence.OFFLINE : Presence.AWAY);
                sleepQuietly(60);
                via.setPresence(who, Presence.ONLINE);
            }
        });
        // the capacity watchdog reads the shared counters while everything runs
        background.execute(() -> {
            while (running.get()) {
                storesA.state().agents().forEach((id, s) -> s.load().forEach((ch, n) -> {
                    if (n < 0 || n > profiles.get(id).capacityOn(ch)) {
                        violations.add("load " + id + " " + ch + " = " + n);
                    }
                }));
                sleepQuietly(20);
            }
        });

        ExecutorService shoppers = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        for (int i = 0; i < CONVERSATIONS; i++) {
            HandoffTicket t = ticket(i, clock.instant());
            tickets.put(t.conversationId(), t);
            accepts.put(t.conversationId(), new AtomicInteger());
            Router via = i % 2 == 0 ? nodeA : nodeB;
            shoppers.execute(() -> via.enqueue(t));
        }
        shoppers.shutdown();
        assertThat(shoppers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (completed.get() < CONVERSATIONS && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.set(false);
        background.shutdown();
        background.awaitTermination(5, TimeUnit.SECONDS);
        agentsDesk.shutdown();
        agentsDesk.awaitTermination(5, TimeUnit.SECONDS);
        System.err.printf("routing race: %d conversations done in %d ms%n", completed.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        assertThat(violations).isEmpty();
        List<String> wrong = new ArrayList<>();
        accepts.forEach((c, n) -> {
            if (n.get() != 1) {
                wrong.add(c + " accepted " + n.get() + " times");
            }
        });
        assertThat(wrong).as("every conversation taken exactly once (0 = lost, 2+ = double)").isEmpty();
        assertThat(completed.get()).isEqualTo(CONVERSATIONS);
        assertThat(storesA.state().waitingCount()).isZero();
        storesA.state().agents().forEach((id, s) -> assertThat(s.open()).as("open of " + id).isZero());
    }

    private static void respond(Offer offer, Router[] routers, Map<ConversationId, AtomicInteger> accepts,
            Map<String, AtomicInteger> holding, Map<AgentId, AgentProfile> profiles, List<String> violations,
            AtomicInteger completed) {
        Router via = routers[ThreadLocalRandom.current().nextInt(2)];
        int dice = ThreadLocalRandom.current().nextInt(100);
        try {
            if (dice < 5) {
                return; // ignored: the offer times out
            }
            if (dice < 15) {
                via.decline(offer.agent(), offer.conversationId());
                return;
            }
            via.accept(offer.agent(), offer.conversationId());
        } catch (OfferNotFoundException e) {
            return; // withdrawn meanwhile (agent left, timed out): fine
        }
        accepts.get(offer.conversationId()).incrementAndGet();
        String slot = offer.agent() + "|" + offer.ticket().channel();
        int now = holding.computeIfAbsent(slot, s -> new AtomicInteger()).incrementAndGet();
        if (now > profiles.get(offer.agent()).capacityOn(offer.ticket().channel())) {
            violations.add("agent holds " + now + " on " + slot);
        }
        holding.get(slot).decrementAndGet();
        routers[ThreadLocalRandom.current().nextInt(2)].release(offer.conversationId());
        completed.incrementAndGet();
    }

    /** Agents 0-3 are generalists who never leave; the others are specialists with one or two skills. */
    private static AgentProfile agent(int i) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
        capacity.put(Channel.WEB_CHAT, 1 + r.nextInt(3));
        capacity.put(Channel.EMAIL, r.nextInt(6));
        capacity.put(Channel.SMS, r.nextInt(4));
        if (i < 4) {
            capacity.put(Channel.EMAIL, 3);
            capacity.put(Channel.SMS, 2);
            return new AgentProfile(new AgentId("agent-" + i), "G" + i, Set.copyOf(SKILLS), Set.of("zh", "en"),
                    capacity, Set.of("general"), false);
        }
        Set<String> skills = r.nextBoolean() ? Set.of(SKILLS.get(i % 4))
                : Set.of(SKILLS.get(i % 4), SKILLS.get((i + 1) % 4));
        Set<String> languages = i % 3 == 0 ? Set.of("en") : i % 3 == 1 ? Set.of("zh") : Set.of("zh", "en");
        return new AgentProfile(new AgentId("agent-" + i), "S" + i, skills, languages, capacity, Set.of("general"),
                false);
    }

    private static HandoffTicket ticket(int i, Instant at) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Set<String> skills = r.nextInt(3) == 0 ? Set.of() : Set.of(SKILLS.get(r.nextInt(SKILLS.size())));
        return new HandoffTicket(new ConversationId("race-" + i), new CustomerId("shopper-" + i),
                CHANNELS.get(r.nextInt(CHANNELS.size())), r.nextBoolean() ? "zh" : "en", skills, r.nextInt(3),
                "human_request", at);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
