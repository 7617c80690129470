package dev.concierge.server;

import dev.concierge.bot.BotEngine;
import dev.concierge.core.channel.Channel;
import dev.concierge.bot.nlu.IntentClassifier;
import dev.concierge.bot.sentiment.SentimentAnalyzer;
import dev.concierge.bot.nlu.BgeSmallEnEncoder;
import dev.concierge.bot.nlu.BilingualEncoder;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.nlu.BgeSmallZhEncoder;
import dev.concierge.bot.nlu.EmbeddingCache;
import dev.concierge.bot.nlu.KnowledgeBaseEmbedder;
import dev.concierge.bot.nlu.SentenceEncoder;
import dev.concierge.kb.FaqThresholds;
import dev.concierge.kb.KnowledgeBase;
import java.util.concurrent.CompletableFuture;
import dev.concierge.redis.routing.RedisRouting;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Router;
import dev.concierge.routing.RoutingEvents;
import dev.concierge.routing.RoutingStores;
import dev.concierge.routing.agent.AgentDirectory;
import dev.concierge.routing.agent.AgentProfile;
import dev.concierge.routing.agent.InMemoryAgentDirectory;
import dev.concierge.routing.assignment.QueueingRouter;
import dev.concierge.routing.state.InMemoryRoutingState;
import dev.concierge.routing.ticket.CsatStore;
import dev.concierge.routing.ticket.InMemoryCsatStore;
import dev.concierge.routing.ticket.InMemoryTicketStore;
import dev.concierge.redis.routing.RedisCsatStore;
import dev.concierge.server.config.ConciergeConfig;
import dev.concierge.server.config.ConciergeConfig.Account;
import dev.concierge.server.config.ConciergeConfig.Role;
import dev.concierge.server.config.RoutingConfig;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain services chosen by configuration: the router (with its state in memory or in Redis), the agent
 * directory seeded from the configured accounts, and the bot. Owns the routing timer.
 */
final class Domain {
    private static final Logger LOG = LoggerFactory.getLogger(Domain.class);
    private static final long TICK_MILLIS = 1_000;

    private final Router router;
    private final BotEngine bot;
    private final AgentDirectory agents;
    private final KnowledgeBase knowledgeBase;
    private final CsatStore csat;
    private final Dialogue dialogue;
    private Vertx timerVertx;
    private long timerId = -1;

    private Domain(Router router, BotEngine bot, AgentDirectory agents, KnowledgeBase knowledgeBase, CsatStore csat,
            Dialogue dialogue) {
        this.csat = csat;
        this.dialogue = dialogue;
        this.router = router;
        this.bot = bot;
        this.agents = agents;
        this.knowledgeBase = knowledgeBase;
    }

    static Domain create(ConciergeConfig config, Application.StateStores state, RoutingEvents events, Clock clock,
            List<AutoCloseable> resources) {
        RoutingStores routingStores = state.redis() == null
                ? new RoutingStores(new InMemoryRoutingState(), new InMemoryAgentDirectory(), new InMemoryTicketStore())
                : RedisRouting.stores(state.redis(), state.keys(), state.json());
        AgentDirectory agents = routingStores.agents();
        // Configured accounts are (re)published at start-up; agents added through the admin API stay.
        for (Account account : config.auth().accounts()) {
            agents.put(profile(account, config.routing()));
        }
        Router router = new QueueingRouter(routingStores, config.routing().settings(), events, clock);
        long started = System.nanoTime();
        // One pair of sentence encoders (about 90 MB resident with their ONNX sessions) serves both the intent
        // model and the knowledge base when both use embeddings; created only when one of them needs it.
        Encoders encoders = Encoders.neededBy(config.bot());
        encoders.closeables().forEach(resources::add);
        // The knowledge base (analysers, index, confidence model) and the intent model build in parallel.
        CompletableFuture<KnowledgeBase> building = CompletableFuture.supplyAsync(
                () -> knowledgeBase(config.bot(), encoders));
        CompletableFuture<SentimentAnalyzer> sentiment = CompletableFuture.supplyAsync(SentimentAnalyzer::bundled);
        IntentClassifier intents;
        KnowledgeBase knowledgeBase;
        try {
            intents = Dialogue.intents(config.bot(), encoders.bilingual());
        } finally {
            knowledgeBase = building.join();
            resources.add(knowledgeBase);
        }
        LOG.info("knowledge base ({} entries, dense {}) and intent model ready in {} ms", knowledgeBase.size(),
                knowledgeBase.dense() ? "on" : "off", (System.nanoTime() - started) / 1_000_000);
        CsatStore csat = state.redis() == null ? new InMemoryCsatStore()
                : new RedisCsatStore(state.redis(), state.keys(), state.json());
        Dialogue dialogue = Dialogue.create(config.bot(), intents, sentiment.join(), knowledgeBase, state, clock);
        return new Domain(router, dialogue.engine(), agents, knowledgeBase, csat, dialogue);
    }

    /** The bundled knowledge base; with {@code bot.kbDense}, ranked by sentence embeddings as well. */
    private static KnowledgeBase knowledgeBase(ConciergeConfig.BotSettings bot, Encoders encoders) {
        if (!bot.kbDense()) {
            return KnowledgeBase.bundledDefault();
        }
        return KnowledgeBase.bundledDefault(FaqThresholds.DEFAULT,
                new KnowledgeBaseEmbedder(encoders.english(), encoders.chinese()));
    }

    /**
     * The in-process sentence encoders, shared by the bundled intent model and the knowledge base; none when
     * neither embeds. An intent model file loads the encoder it was trained with itself.
     *
     * <p>With the dense knowledge base on, each encoder sits behind one {@link EmbeddingCache} that both users
     * share: shoppers repeat short questions and an embedding costs milliseconds, and the knowledge base embeds
     * the very message the intent model has just embedded, which is then a cache hit instead of a second
     * forward pass.
     */
    private record Encoders(SentenceEncoder english, SentenceEncoder chinese, List<AutoCloseable> closeables) {
        private static final int CACHED_TEXTS = 10_000;

        static Encoders neededBy(ConciergeConfig.BotSettings bot) {
            boolean intentsEmbed = bot.nluModelFile().isEmpty() && Profile.parse(bot.nluProfile()).usesEmbeddings();
            if (!intentsEmbed && !bot.kbDense()) {
                return new Encoders(null, null, List.of());
            }
            BgeSmallEnEncoder english = new BgeSmallEnEncoder();
            BgeSmallZhEncoder chinese = new BgeSmallZhEncoder();
            return bot.kbDense()
                    ? new Encoders(new EmbeddingCache(english, CACHED_TEXTS), new EmbeddingCache(chinese, CACHED_TEXTS),
                            List.of(english, chinese))
                    : new Encoders(english, chinese, List.of(english, chinese));
        }

        /** Both as one bilingual encoder, or null when there are none. */
        BilingualEncoder bilingual() {
            return english == null ? null : new BilingualEncoder(english, chinese);
        }
    }

    Router router() {
        return router;
    }

    BotEngine bot() {
        return bot;
    }

    Dialogue dialogue() {
        return dialogue;
    }

    CsatStore csat() {
        return csat;
    }

    KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    AgentDirectory agents() {
        return agents;
    }

    /** Fires routing timers (offer timeouts, SLA) every second; the router makes firing idempotent. */
    void startTimers(Vertx vertx) {
        timerVertx = vertx;
        timerId = vertx.setPeriodic(TICK_MILLIS, id -> vertx.executeBlocking(() -> {
            router.tick();
            return null;
        }, false).onFailure(e -> LOG.warn("routing tick failed: {}", e.toString())));
    }

    void stopTimers() {
        if (timerVertx != null && timerId >= 0) {
            timerVertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    static AgentProfile profile(Account account, RoutingConfig routing) {
        Map<Channel, Integer> capacity = new EnumMap<>(AgentProfile.defaultCapacity());
        capacity.putAll(routing.capacityOtherThanChat());
        capacity.put(Channel.WEB_CHAT, account.chatCapacity());
        Set<String> skills = new HashSet<>(account.skills());
        return new AgentProfile(new AgentId(account.id()), account.name(), skills, Set.copyOf(account.languages()),
                capacity, Set.of(account.team()), account.role() == Role.SUPERVISOR);
    }
}
