package dev.concierge.server;

import dev.concierge.bot.BotEngine;
import dev.concierge.bot.text.ChineseScript;
import dev.concierge.bot.text.TraditionalChinese;
import dev.concierge.channel.ChannelSettings;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.auth.SessionStore;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.customer.CustomerLocks;
import dev.concierge.core.customer.ShopperTokenStore;
import dev.concierge.core.memory.InMemoryAttachmentStore;
import dev.concierge.core.memory.InMemoryConversationStore;
import dev.concierge.core.memory.InMemoryCustomerLocks;
import dev.concierge.core.memory.InMemoryCustomerStore;
import dev.concierge.core.memory.InMemorySessionStore;
import dev.concierge.core.memory.InMemoryPendingAnswers;
import dev.concierge.core.memory.InMemoryShopperTokenStore;
import dev.concierge.core.message.PendingAnswers;
import dev.concierge.kb.admin.KnowledgeBaseAdmin;
import dev.concierge.redis.RedisConnections;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.attachment.RedisAttachmentStore;
import dev.concierge.redis.auth.RedisSessionStore;
import dev.concierge.redis.bus.RedisMessageBus;
import dev.concierge.redis.kb.RedisKbEntryStore;
import dev.concierge.redis.conversation.RedisConversationStore;
import dev.concierge.redis.customer.RedisCustomerLocks;
import dev.concierge.redis.customer.RedisCustomerStore;
import dev.concierge.redis.customer.RedisShopperTokenStore;
import dev.concierge.redis.message.RedisPendingAnswers;
import dev.concierge.redis.routing.RedisAgentHeartbeats;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.routing.Router;
import dev.concierge.routing.agent.AgentHeartbeats;
import dev.concierge.routing.agent.InMemoryAgentHeartbeats;
import dev.concierge.server.agent.AgentEndpoint;
import dev.concierge.server.agent.PresenceLeases;
import dev.concierge.server.auth.AuthService;
import dev.concierge.server.auth.PasswordHasher;
import dev.concierge.server.channels.ChannelInbound;
import dev.concierge.server.channels.ChannelOutbound;
import dev.concierge.server.channels.ChannelStores;
import dev.concierge.server.channels.ChannelsModule;
import dev.concierge.server.chat.ChatEndpoint;
import dev.concierge.server.chat.ShopperIdentity;
import dev.concierge.server.config.ConciergeConfig;
import dev.concierge.server.config.ConciergeConfig.StoreType;
import dev.concierge.server.conversation.AgentDesk;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.CustomerData;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.conversation.OfferDelivery;
import dev.concierge.server.conversation.Outreach;
import dev.concierge.server.conversation.SatisfactionSurvey;
import dev.concierge.server.conversation.ShopperScript;
import dev.concierge.server.conversation.Stores;
import dev.concierge.server.http.AdminApi;
import dev.concierge.server.http.ApiModule;
import dev.concierge.server.http.Authentication;
import dev.concierge.server.http.ClientAddress;
import dev.concierge.server.http.HttpApi;
import dev.concierge.server.http.Json;
import dev.concierge.server.http.KnowledgeBaseApi;
import dev.concierge.server.http.RateLimiter;
import dev.concierge.server.live.BusConnections;
import dev.concierge.server.live.FrameReader;
import dev.concierge.server.live.LiveConnections;
import dev.concierge.server.live.LocalConnections;
import dev.concierge.server.observability.Health;
import dev.concierge.server.observability.ServerMetrics;
import dev.concierge.server.orders.DemoOrderApiModule;
import dev.concierge.server.web.WebFeatures;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The composition root: builds every component once with {@code new}, from the configuration, and owns their
 * life cycle. Nothing else in the code base constructs services.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final ConciergeConfig config;
    private final Vertx vertx;
    private final HttpServer server;
    private final KeyedExecutor executor;
    private final Health health;
    private final List<AutoCloseable> resources;
    private final Domain domain;
    private final ChannelsModule channels;
    private final LocalConnections local;
    private final AgentDesk desk;
    private boolean closed;
    private final FrameReader frames;

    private Application(ConciergeConfig config, Vertx vertx, HttpServer server, KeyedExecutor executor,
            Health health, Domain domain, List<AutoCloseable> resources, ChannelsModule channels,
            LocalConnections local, AgentDesk desk, FrameReader frames) {
        this.frames = frames;
        this.channels = channels;
        this.local = local;
        this.desk = desk;
        this.config = config;
        this.vertx = vertx;
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.domain = domain;
        this.resources = resources;
    }

    /** Starts the server with the SMS and email channels off. */
    public static Application start(ConciergeConfig config, Clock clock) {
        return start(config, ChannelSettings.fromEnvironment(java.util.Map.of()), clock);
    }

    /** Starts the server and returns once it listens (or throws if it cannot). */
    public static Application start(ConciergeConfig config, ChannelSettings channelSettings, Clock clock) {
        List<AutoCloseable> resources = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        Json json = new Json();
        ServerMetrics metrics = new ServerMetrics();
        StateStores state = StateStores.open(config.store(), resources);
        Stores stores = new Stores(state.conversations(), state.customers());

        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(Math.max(4, config.server().workerThreads())));
        resources.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
        KeyedExecutor executor = new KeyedExecutor(config.server().workerThreads(), "concierge-worker");
        LocalConnections local = new LocalConnections(json.mapper());
        LiveConnections connections = local;
        RedisMessageBus bus = null;
        if (state.redis() != null) {
            // Several nodes: frames go through Redis pub/sub to whichever node holds the socket.
            bus = new RedisMessageBus(state.redis(), state.keys()).start();
            resources.add(bus);
            BusConnections viaBus = new BusConnections(local, bus);
            resources.add(viaBus);
            connections = viaBus;
        }
        AuthService auth = new AuthService(config.auth(), state.sessions(), new PasswordHasher(random), random, clock);
        OfferDelivery offers = new OfferDelivery(stores, connections);
        Domain domain = Domain.create(config, state, offers, clock, resources);
        Router router = domain.router();
        ChannelStores channelStores = state.redis() == null ? ChannelStores.inMemory(clock)
                : ChannelStores.redis(state.redis(), state.keys(), state.json());
        ChannelOutbound replies = ChannelOutbound.create(channelSettings, channelStores, connections,
                (message, language) -> Optional.ofNullable(message.metadata().get("faqId"))
                        .flatMap(id -> domain.knowledgeBase().answer(id, language, Channel.SMS)), clock);
        resources.add(replies);
        BotEngine bot = domain.bot();
        ShopperScript script = new ShopperScript(bot);
        SatisfactionSurvey survey = new SatisfactionSurvey(stores.conversations(), domain.csat(), replies, script,
                clock);
        AgentDesk desk = new AgentDesk(stores, router, new Outreach(connections, replies, survey, script),
                auth::account, domain.dialogue().states()::delete, clock);
        ConversationService conversations = new ConversationService(stores, state.locks(), bot, desk, replies, metrics,
                clock);
        Health health = new Health(vertx, config.store().type().name().toLowerCase(java.util.Locale.ROOT),
                state::ping);

        // one reader for both endpoints' sockets: frame checks, and 1001 for every socket when the node shuts down
        FrameReader frames = new FrameReader(config.server().maxFrameBytes(), json);
        ChatEndpoint chat = new ChatEndpoint(new ChatEndpoint.Dependencies(conversations, stores.conversations(),
                new ShopperIdentity(stores.customers(), state.shopperTokens(), random, clock), local, connections,
                executor, state.attachments()), config.chat(),
                new RateLimiter(config.limits().chatMessagesPerSecond(), config.limits().chatBurst(), clock),
                new RateLimiter(config.limits().chatSignInsPerIpPerMinute() / 60.0, config.limits().chatSignInBurst(),
                        clock), new ClientAddress(config.limits().trustedProxies()), frames, metrics);
        AgentHeartbeats heartbeats = state.redis() == null ? new InMemoryAgentHeartbeats()
                : new RedisAgentHeartbeats(state.redis(), state.keys());
        PresenceLeases leases = new PresenceLeases(heartbeats, "node-" + java.util.UUID.randomUUID(), router,
                local::connectedAgents, clock);
        AgentEndpoint agents = new AgentEndpoint(new AgentEndpoint.Dependencies(auth, desk, local, executor, leases),
                frames, metrics);
        HttpApi api = new HttpApi(new HttpApi.Dependencies(conversations, desk, stores.customers(), auth, executor,
                health), config.integrations(), config.limits(), config.server().maxBodyBytes(), json, metrics, clock);
        Authentication authentication = new Authentication(auth, executor, api.errorWriter());
        PendingAnswers pending = state.redis() == null ? new InMemoryPendingAnswers()
                : new RedisPendingAnswers(state.redis(), state.keys());
        ChannelInbound inbound = new ChannelInbound(conversations, stores.customers(), state.attachments(), executor,
                pending, clock);
        ChannelsModule channels = ChannelsModule.create(channelSettings, channelStores, inbound, replies, clock);
        resources.add(channels);
        WebFeatures web = WebFeatures.create(
                new WebFeatures.Dependencies(stores.conversations(), state.attachments(),
                        state.shopperTokens(), router, domain.agents(), leases::connectedAnywhere, domain.csat(),
                        domain.knowledgeBase()),
                authentication, executor, json, metrics, clock);
        resources.add(web);
        List<ApiModule> modules = new ArrayList<>(List.of(
                new KnowledgeBaseApi(knowledgeBaseAdmin(domain, state, bus, clock, resources), authentication,
                        executor, json),
                channels,
                new AdminApi(domain.dialogue().unanswered(), new CustomerData(stores, state.attachments(),
                        state.shopperTokens(), domain.dialogue().states(), router, domain.dialogue().unanswered(),
                channelStores.outbox(), channelStores.threads(), domain.csat(), connections), authentication, executor,
                json)));
        domain.dialogue().demo().ifPresent(demo -> modules.add(new DemoOrderApiModule(demo)));
        modules.addAll(web.modules());

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.server().host())
                .setPort(config.server().port())
                // Frames above our own limit still reach the handler so it can answer with a clear error;
                // beyond four times the limit Netty closes the socket (1009) without buffering it.
                .setMaxWebSocketFrameSize(config.server().maxFrameBytes() * 4)
                .setMaxWebSocketMessageSize(config.server().maxFrameBytes() * 4)
                .setIdleTimeout(0);
        HttpServer server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(Application::acceptKnownPaths)
                .webSocketHandler(ws -> {
                    if ("/ws/chat".equals(ws.path())) {
                        chat.handle(ws);
                    } else {
                        agents.handle(ws, Authentication.bearer(ws.headers().get("Authorization")));
                    }
                })
                .requestHandler(api.router(vertx, modules));
        try {
            server.listen().await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            closeAll(resources);
            executor.close();
            throw new IllegalStateException("cannot listen on " + config.server().host() + ":"
                    + config.server().port() + ": " + e.getMessage(), e);
        }
        domain.startTimers(vertx);
        long sweeping = vertx.setPeriodic(PresenceLeases.BEAT.toMillis(), id -> vertx.executeBlocking(leases::sweep,
                false).onFailure(e -> LOG.warn("presence sweep failed: {}", e.toString())));
        resources.add(() -> vertx.cancelTimer(sweeping));
        // SMS and e-mail acknowledged by a node that died before answering: answered here once overdue
        long overdue = vertx.setPeriodic(10_000, id -> vertx.executeBlocking(inbound::answerOverdue, false)
                .onFailure(e -> LOG.warn("overdue answers: {}", e.toString())));
        resources.add(() -> vertx.cancelTimer(overdue));
        channels.start(vertx);
        warmChineseScripts();
        LOG.info("concierge listening on {}:{} (store={}, accounts={})", config.server().host(), server.actualPort(),
                config.store().type().name().toLowerCase(java.util.Locale.ROOT), config.auth().accounts().size());
        return new Application(config, vertx, server, executor, health, domain, resources, channels, local, desk,
                frames);
    }

    public int port() {
        return server.actualPort();
    }

    /**
     * Loads the script detection tables and ICU's Simplified-Traditional transform in the background, once per JVM:
     * otherwise the first message waits 0.2-0.4 s for the tables and the first Traditional-Chinese reply 0.6-0.9 s
     * for the transform. After start-up, so that readiness is not delayed.
     */
    private static void warmChineseScripts() {
        Thread warm = new Thread(() -> TraditionalChinese.in(ChineseScript.of("發貨", ChineseScript.SIMPLIFIED), "发货"),
                "warm-chinese-scripts");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
    }

    /** The SMTP listener's port, or -1 when email ingress by SMTP is off. */
    public int smtpPort() {
        return channels.smtpPort();
    }

    /**
     * Shutdown on a signal (SIGTERM): readiness answers 503 for {@code notice} while the node still serves
     * everything, so a load balancer polling it stops sending new traffic before the listener closes; then
     * {@link #close()}. (The listener closed at once before: the 503 was never seen, only refused connections.)
     */
    public void drainAndClose(Duration notice) {
        health.startDraining();
        LOG.info("shutting down: readiness is 503; the listener closes in {} ms", notice.toMillis());
        try {
            Thread.sleep(notice.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** WebSockets (shopper and agent) open on this node. */
    public int openSockets() {
        return frames.openSockets();
    }

    /**
     * Graceful shutdown: readiness turns false, the listener stops taking connections, in-flight work finishes
     * (up to the grace period), then stores and connections close.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.startDraining();
        // Agents connected here go offline first, so their open offers return to the queue for other nodes.
        for (AgentId agent : local.connectedAgents()) {
            try {
                desk.setPresence(agent, Presence.OFFLINE);
            } catch (RuntimeException e) {
                LOG.warn("could not hand back {}'s offers: {}", agent, e.toString());
            }
        }
        long graceMillis = Duration.ofSeconds(config.server().shutdownGraceSeconds()).toMillis();
        LOG.info("shutting down: draining for up to {} ms", graceMillis);
        frames.goingAway();
        try {
            server.shutdown(Duration.ofMillis(Math.max(1, graceMillis / 2))).await(graceMillis + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("listener shutdown: {}", e.toString());
        }
        domain.stopTimers();
        try {
            if (!executor.drain(Math.max(1, graceMillis / 2))) {
                LOG.warn("some work did not finish within the grace period");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
        closeAll(resources);
        LOG.info("shut down");
    }

    private static void acceptKnownPaths(ServerWebSocketHandshake handshake) {
        String path = handshake.path();
        if ("/ws/chat".equals(path) || "/ws/agent".equals(path)) {
            handshake.accept();
        } else {
            handshake.reject(404);
        }
    }


    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }

    /** The stores chosen by configuration: all in memory, or all in one Redis. */
    /**
     * The knowledge-base curation of this node. On Redis, edits are stored there for every node and across restarts:
     * a node serves the stored entries once any edit was stored, and reloads them when another node announces a
     * change on the bus ("kb" topic, payload: the announcing node's mark, which skips its own).
     */
    private static KnowledgeBaseAdmin knowledgeBaseAdmin(Domain domain, StateStores state, RedisMessageBus bus,
            Clock clock, List<AutoCloseable> resources) {
        if (state.redis() == null || bus == null) {
            return new KnowledgeBaseAdmin(domain.knowledgeBase(), clock);
        }
        String node = java.util.UUID.randomUUID().toString();
        KnowledgeBaseAdmin admin = new KnowledgeBaseAdmin(domain.knowledgeBase(), clock,
                new RedisKbEntryStore(state.redis(), state.keys(), clock), () -> {
                    try {
                        bus.publish(KB_TOPIC, node);
                    } catch (RuntimeException e) {
                        // stored: the other nodes serve it after their next reload or restart
                        LOG.warn("knowledge-base change not announced to the other nodes: {}", e.toString());
                    }
                });
        resources.add(bus.subscribe(KB_TOPIC, from -> {
            if (!from.equals(node)) {
                try {
                    admin.reload();
                    LOG.info("knowledge base reloaded after an edit on another node");
                } catch (RuntimeException e) {
                    LOG.warn("knowledge base not reloaded after an edit on another node: {}", e.toString());
                }
            }
        }));
        if (admin.reload()) {
            LOG.info("knowledge base: {} curated entries from the store", domain.knowledgeBase().size());
        }
        return admin;
    }

    /** The bus topic on which a node announces a knowledge-base change. */
    private static final String KB_TOPIC = "kb";

    record StateStores(dev.concierge.core.conversation.ConversationStore conversations,
            dev.concierge.core.customer.CustomerStore customers, SessionStore sessions,
            ShopperTokenStore shopperTokens, AttachmentStore attachments, CustomerLocks locks, UnifiedJedis redis,
            RedisKeys keys, RedisJson json) {

        static StateStores open(ConciergeConfig.StoreSettings settings, List<AutoCloseable> resources) {
            if (settings.type() == StoreType.MEMORY) {
                return new StateStores(new InMemoryConversationStore(), new InMemoryCustomerStore(),
                        new InMemorySessionStore(), new InMemoryShopperTokenStore(), new InMemoryAttachmentStore(),
                        new InMemoryCustomerLocks(), null, null, null);
            }
            UnifiedJedis redis = RedisConnections.open(settings.redisUrl(), settings.maxConnections(),
                    Duration.ofSeconds(2));
            resources.add(redis);
            try {
                redis.ping();
            } catch (RuntimeException e) {
                throw new IllegalStateException("Redis at " + settings.redisUrl() + " does not answer: "
                        + e.getMessage(), e);
            }
            RedisKeys keys = new RedisKeys(settings.namespace());
            RedisJson json = new RedisJson();
            RedisCustomerLocks locks = new RedisCustomerLocks(redis, keys);
            resources.add(locks);
            return new StateStores(new RedisConversationStore(redis, keys, json), new RedisCustomerStore(redis, keys,
                    json), new RedisSessionStore(redis, keys, json), new RedisShopperTokenStore(redis, keys),
                    new RedisAttachmentStore(redis, keys), locks, redis, keys, json);
        }

        boolean ping() {
            if (redis == null) {
                return true;
            }
            return "PONG".equalsIgnoreCase(redis.ping());
        }
    }
}
