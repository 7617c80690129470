package dev.concierge.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import dev.concierge.channel.ChannelSettings;
import dev.concierge.channel.email.EmailWebhookSignature;
import dev.concierge.channel.sms.SmsSignatureVerifier;
import dev.concierge.core.cli.CommandOptions;
import dev.concierge.redis.RedisConnections;
import dev.concierge.redis.RedisKeys;
import dev.concierge.redis.routing.RedisRouting;
import dev.concierge.server.Application;
import dev.concierge.server.config.ConciergeConfig;
import dev.concierge.server.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code bench load [--nodes N] [--shoppers S] [--agents A] [--duration SECONDS] [--warmup SECONDS]
 * [--store memory|redis] [--redis URL] [--profile fast|default] [--handoff-every K]}: end-to-end load on real
 * servers started in this JVM, through real clients: S chat customers on WebSockets (closed loop: a message, its
 * ack and the bot's answer, then the next), one SMS customer per 20 chat customers posting Twilio-signed webhooks
 * (a local stand-in for the provider's API receives the replies), one email customer per 20 posting signed
 * inbound-parse webhooks (a local SMTP sink receives the replies), and A agents on WebSockets who accept every
 * offer, answer and close. One message in K asks for a human.
 *
 * <p>Before that, in the same run, the same chat clients drive a bare Vert.x WebSocket echo server for the same
 * time: {@code ratio_to_echo} compares the two. After the run every chat customer's transcript is read back
 * through the admin export API: a message acknowledged but not stored is {@code lost}, a message stored twice is a
 * {@code duplicate}. Per-customer rate limits are raised for the run (this measures capacity, not limits).
 * The last stdout line is one JSON object; exit code 0 when nothing was lost or duplicated.
 */
public final class LoadBench {
    static final String PASSWORD = "concierge-demo";
    /**
     * On two cores the JIT is far from done a quarter of a minute into a run: one C2 thread works through a backlog
     * of C1-compiled code (the SMS, email and agent paths run a few times a second each and get hot late), and the
     * compiler threads still took 13-15 % of the CPU 60 and 120 s in (per-thread CPU, fast profile). Two minutes of
     * warm-up measure nearer the steady state a node reaches in service: 4,331 against 5,077 messages/s after
     * 60 and 120 s in back-to-back runs (docs/benchmarks/load.md).
     */
    static final int DEFAULT_WARMUP_SECONDS = 120;
    static final int ECHO_WARMUP_SECONDS = 10;
    private static final String PASSWORD_HASH =
            "pbkdf2-sha256$310000$bq/d3rACEcyJ7O4m63yzvg$rcrWTFesjDMKGHSNK9XIl5QAXpSRIHtpd1Unk9rBRDY";
    private static final String PUBLIC_URL = "https://support.load.example";
    private static final String SMS_TOKEN = "load-bench-sms-auth-token";
    private static final String EMAIL_KEY = "load-bench-email-webhook-key";
    private static final String SUPPORT = "support@load.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadBench() {
    }

    record Options(int nodes, int shoppers, int agents, int durationSeconds, int warmupSeconds, String store,
            String redisUrl, String profile, int handoffEvery) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench load: " + e.getMessage());
            err.println("usage: bench load [--nodes N] [--shoppers S] [--agents A] [--duration SECONDS]"
                    + " [--warmup SECONDS] [--store memory|redis] [--redis URL] [--profile fast|default]"
                    + " [--handoff-every K]");
            return 2;
        }
        try {
            err.printf(Locale.ROOT, "bench load: echo baseline, %d WebSocket clients, %d s%n", o.shoppers,
                    o.durationSeconds);
            // the echo server's few methods are compiled within seconds; the nodes' code paths need the full warm-up
            double echo = EchoBaseline.measure(o.shoppers, Math.min(o.warmupSeconds, ECHO_WARMUP_SECONDS),
                    o.durationSeconds);
            err.printf(Locale.ROOT, "bench load: echo %.0f messages/s%n", echo);
            Result r = new Run(o, err).go();
            double ratio = echo > 0 ? r.messagesPerSecond / echo : 0;
            out.println(String.format(Locale.ROOT,
                    "{\"nodes\":%d,\"store\":\"%s\",\"profile\":\"%s\",\"shoppers\":%d,\"sms_customers\":%d,"
                            + "\"email_customers\":%d,\"agents\":%d,\"duration_s\":%d,\"messages\":%d,"
                            + "\"chat_messages\":%d,\"sms_messages\":%d,\"email_messages\":%d,"
                            + "\"messages_per_second\":%.1f,\"cpu_us_per_message\":%.0f,\"bot_replies\":%d,\"bot_p50_ms\":%.2f,"
                            + "\"bot_p99_ms\":%.2f,\"handoffs\":%d,\"handoffs_closed\":%d,\"lost\":%d,"
                            + "\"duplicates\":%d,\"errors\":%d,\"echo_messages_per_second\":%.1f,"
                            + "\"ratio_to_echo\":%.3f}",
                    o.nodes, o.store, o.profile, o.shoppers, r.smsCustomers, r.emailCustomers, o.agents,
                    o.durationSeconds, r.chat + r.sms + r.email, r.chat, r.sms, r.email, r.messagesPerSecond,
                    r.cpuMicrosPerMessage, r.botReplies, r.botP50, r.botP99, r.handoffs, r.handoffsClosed, r.lost,
                    r.duplicates, r.errors, echo, ratio));
            return r.lost == 0 && r.duplicates == 0 ? 0 : 1;
        } catch (Exception e) {
            err.println("bench load failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static Options parse(String[] args) {
        CommandOptions options = CommandOptions.parse(args, Set.of("nodes", "shoppers", "agents", "duration",
                "warmup", "store", "redis", "profile", "handoff-every"));
        int nodes = options.integer("nodes", 1, 1, 16);
        int shoppers = options.integer("shoppers", 200, 1, 100_000);
        int agents = options.integer("agents", 6, 1, 10_000);
        int duration = options.integer("duration", 20, 1, 86_400);
        int warmup = options.integer("warmup", DEFAULT_WARMUP_SECONDS, 0, 86_400);
        String store = options.get("store", "memory");
        String redis = options.get("redis", "redis://127.0.0.1:6379");
        String profile = options.get("profile", "fast");
        int handoffEvery = options.integer("handoff-every", 100, 0, Integer.MAX_VALUE);
        if (!Set.of("memory", "redis").contains(store)) {
            throw new IllegalArgumentException("--store must be memory or redis");
        }
        if (!Set.of("fast", "default", "lexical").contains(profile)) {
            throw new IllegalArgumentException("--profile must be fast or default");
        }
        if (nodes > 1 && store.equals("memory")) {
            throw new IllegalArgumentException("several nodes share state through Redis: add --store redis");
        }
        return new Options(nodes, shoppers, agents, duration, warmup, store, redis, profile, handoffEvery);
    }

    private record Result(long chat, long sms, long email, int smsCustomers, int emailCustomers,
            double messagesPerSecond, double cpuMicrosPerMessage, long botReplies, double botP50, double botP99,
            long handoffs, long handoffsClosed, long lost, long duplicates, long errors) {
    }

    /**
     * CPU time used by this whole JVM (load generator and in-process nodes together), so that a change's cost per
     * message can be compared between runs even when other work shares the cores.
     */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Counters shared by every simulated client; only the measurement window counts toward the rates. */
    static final class Tally {
        volatile boolean measuring;
        volatile boolean sending = true;
        final AtomicLong chat = new AtomicLong();
        final AtomicLong sms = new AtomicLong();
        final AtomicLong email = new AtomicLong();
        final AtomicLong botReplies = new AtomicLong();
        final AtomicLong handoffs = new AtomicLong();
        final AtomicLong handoffsClosed = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong duplicateFrames = new AtomicLong();
        final Latencies bot = new Latencies();
    }

    /** One load run against real nodes. */
    private static final class Run {
        private final Options o;
        private final PrintStream err;
        private final Tally tally = new Tally();
        private final String runId = UUID.randomUUID().toString().substring(0, 8);
        private final List<Application> nodes = new ArrayList<>();
        private final Map<String, ReplyWaiter> smsByPhone = new ConcurrentHashMap<>();
        private final Map<String, ReplyWaiter> emailByAddress = new ConcurrentHashMap<>();
        private Vertx vertx;
        private SMTPServer smtpSink;
        private HttpServer provider;

        Run(Options o, PrintStream err) {
            this.o = o;
            this.err = err;
        }

        Result go() throws Exception {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            String namespace = "bench-load-" + runId;
            Path config = Files.createTempFile("concierge-load", ".yaml");
            try {
                startPeers();
                Files.writeString(config, configYaml(o.store, o.redisUrl, namespace, o.agents, o.profile));
                Map<String, String> env = Map.of(
                        "CONCIERGE_PUBLIC_URL", PUBLIC_URL,
                        "CONCIERGE_SMS_AUTH_TOKEN", SMS_TOKEN,
                        "CONCIERGE_SMS_ACCOUNT_SID", "ACload",
                        "CONCIERGE_SMS_API_URL", "http://127.0.0.1:" + provider.actualPort(),
                        "CONCIERGE_SMS_FROM", "+15550009999",
                        "CONCIERGE_EMAIL_FROM", SUPPORT,
                        "CONCIERGE_SMTP_RELAY", "127.0.0.1:" + smtpSink.getPortAllocated(),
                        "CONCIERGE_EMAIL_WEBHOOK_KEY", EMAIL_KEY);
                ConciergeConfig cfg = new ConfigLoader().load(config, Map.of(), Map.of());
                for (int i = 0; i < o.nodes; i++) {
                    err.printf(Locale.ROOT, "bench load: starting node %d (%s store, %s NLU)%n", i + 1, o.store,
                            o.profile);
                    nodes.add(Application.start(cfg, ChannelSettings.fromEnvironment(env), Clock.systemUTC()));
                }
                return drive();
            } finally {
                nodes.forEach(Application::close);
                if (smtpSink != null) {
                    smtpSink.stop();
                }
                vertx.close().await(10, TimeUnit.SECONDS);
                Files.deleteIfExists(config);
                if (o.store.equals("redis")) {
                    try (UnifiedJedis redis = RedisConnections.open(o.redisUrl, 2, Duration.ofSeconds(5))) {
                        RedisRouting.deleteNamespace(redis, new RedisKeys(namespace));
                    }
                }
            }
        }

        /** The SMS provider's API and the SMTP relay, both local, both telling the waiting customer. */
        private void startPeers() throws Exception {
            provider = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                Map<String, String> form = decodeForm(body.toString(StandardCharsets.UTF_8));
                ReplyWaiter waiter = smsByPhone.get(form.getOrDefault("To", ""));
                if (waiter != null) {
                    waiter.replied();
                }
                req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}");
            })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            smtpSink = SMTPServer.port(0).bindAddress(java.net.InetAddress.getLoopbackAddress())
                    .simpleMessageListener(new SimpleMessageListener() {
                        @Override
                        public boolean accept(String from, String recipient) {
                            return true;
                        }

                        @Override
                        public void deliver(String from, String recipient, InputStream data) throws IOException {
                            data.readAllBytes();
                            ReplyWaiter waiter = emailByAddress.get(recipient.toLowerCase(Locale.ROOT));
                            if (waiter != null) {
                                waiter.replied();
                            }
                        }
                    }).build();
            smtpSink.start();
        }

        private Result drive() throws Exception {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(64));
            LoadScript script = new LoadScript(o.handoffEvery);
            List<LoadAgent> agents = new ArrayList<>();
            WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22).setConnectTimeout(10_000).setMaxConnections(100_000));
            for (int i = 1; i <= o.agents; i++) {
                int port = nodes.get(i % nodes.size()).port();
                String token = login(http, port, "load-agent-" + i);
                agents.add(LoadAgent.connect(wsClient, port, token, tally).await(10, TimeUnit.SECONDS));
            }
            List<ChatShopper> shoppers = new ArrayList<>();
            List<Future<Void>> ready = new ArrayList<>();
            for (int i = 0; i < o.shoppers; i++) {
                ChatShopper s = new ChatShopper(i, "lb-" + runId + "-" + i, i % 2 == 0, script, tally);
                shoppers.add(s);
                ready.add(s.connect(wsClient, nodes.get(i % nodes.size()).port()));
            }
            Future.all(ready).await(60, TimeUnit.SECONDS);
            int sideCustomers = Math.max(1, o.shoppers / 20);
            List<ReplyWaiter> side = new ArrayList<>();
            for (int i = 0; i < sideCustomers; i++) {
                int port = nodes.get(i % nodes.size()).port();
                SmsCustomer sms = new SmsCustomer(i, String.format(Locale.ROOT, "+1555%07d", 1_000_000 + i), vertx,
                        http, port, script, tally);
                smsByPhone.put(sms.phone, sms);
                EmailCustomer mail = new EmailCustomer(i, "shopper" + i + "-" + runId + "@load.example", vertx, http,
                        port, script, tally);
                emailByAddress.put(mail.address, mail);
                side.add(sms);
                side.add(mail);
            }
            err.printf(Locale.ROOT, "bench load: %d chat, %d SMS and %d email customers, %d agents on %d node(s);"
                    + " warm-up %d s%n", o.shoppers, sideCustomers, sideCustomers, o.agents, o.nodes, o.warmupSeconds);
            shoppers.forEach(ChatShopper::start);
            side.forEach(ReplyWaiter::start);
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.warmupSeconds));
            tally.measuring = true;
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            for (int s = 1; s <= o.durationSeconds; s++) {
                Thread.sleep(1000);
                if (s % 5 == 0 || s == o.durationSeconds) {
                    err.printf(Locale.ROOT, "bench load: %d s, %d chat + %d SMS + %d email messages, bot p99 %.1f ms%n",
                            s, tally.chat.get(), tally.sms.get(), tally.email.get(), tally.bot.percentileMs(99));
                }
            }
            tally.measuring = false;
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuNanos = processCpuNanos() - cpuStarted;
            long chat = tally.chat.get();
            long sms = tally.sms.get();
            long email = tally.email.get();
            tally.sending = false;
            // Let what is in flight land: every sent message must be acknowledged and answered.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && (shoppers.stream().anyMatch(ChatShopper::busy)
                    || side.stream().anyMatch(ReplyWaiter::busy))) {
                Thread.sleep(100);
            }
            long unanswered = shoppers.stream().filter(ChatShopper::busy).count()
                    + side.stream().filter(ReplyWaiter::busy).count();
            err.printf(Locale.ROOT, "bench load: %d client(s) still waiting after the run (in the queue for an agent"
                    + " or unanswered); reading every transcript back%n", unanswered);
            long[] check = verify(shoppers);
            shoppers.forEach(ChatShopper::close);
            agents.forEach(LoadAgent::close);
            long lost = check[0] + side.stream().filter(ReplyWaiter::unanswered).count();
            long duplicates = check[1] + tally.duplicateFrames.get();
            double cpuMicrosPerMessage = chat + sms + email == 0 ? 0 : cpuNanos / 1e3 / (chat + sms + email);
            return new Result(chat, sms, email, sideCustomers, sideCustomers, (chat + sms + email) / seconds,
                    cpuMicrosPerMessage,
                    tally.botReplies.get(), tally.bot.percentileMs(50), tally.bot.percentileMs(99),
                    tally.handoffs.get(), tally.handoffsClosed.get(), lost, duplicates, tally.errors.get());
        }

        /**
         * Reads every chat customer's transcripts through {@code GET /api/v1/admin/customers/{id}/export}: stored
         * customer messages are compared with the ones the server acknowledged. Returns {lost, duplicates}.
         */
        private long[] verify(List<ChatShopper> shoppers) throws Exception {
            Exports exports = Exports.signIn(nodes.get(0).port());
            long lost = 0;
            long duplicates = 0;
            for (ChatShopper s : shoppers) {
                Map<String, Integer> stored = Exports.customerMessages(exports.of(s.customerId));
                for (String id : s.ackedMessageIds()) {
                    if (!stored.containsKey(id) && lost++ < 5) {
                        err.printf(Locale.ROOT, "bench load: acknowledged %s (conversation %s) is not in the export"
                                + " of %s%n", id, s.conversationOf.get(id), s.customerId);
                    }
                }
                for (int n : stored.values()) {
                    duplicates += n - 1;
                }
            }
            return new long[] {lost, duplicates};
        }

        private static String login(HttpClient http, int port, String user) throws Exception {
            String body = request(http, HttpMethod.POST, port, "/api/v1/auth/login",
                    Map.of("Content-Type", "application/json"),
                    "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}").await(30, TimeUnit.SECONDS);
            return JSON.readTree(body).path("token").asText();
        }
    }

    /**
     * A node configuration for benchmarks: the given store, {@code agents} agent accounts plus one supervisor
     * (password {@value #PASSWORD}), rate limits raised out of the way (benchmarks measure capacity, not limits).
     */
    static String configYaml(String store, String redisUrl, String namespace, int agents, String profile) {
        StringBuilder y = new StringBuilder();
        y.append("server:\n  host: 127.0.0.1\n  port: 0\n  shutdownGraceSeconds: 2\n");
        y.append("store:\n  type: ").append(store).append("\n  redisUrl: ").append(redisUrl)
                .append("\n  namespace: ").append(namespace).append('\n');
        y.append("auth:\n  accounts:\n");
        for (int i = 1; i <= agents + 1; i++) {
            boolean supervisor = i == agents + 1;
            y.append("    - id: ").append(supervisor ? "load-supervisor" : "load-agent-" + i).append('\n')
                    .append("      name: ").append(supervisor ? "Load Supervisor" : "Load Agent " + i).append('\n')
                    .append("      role: ").append(supervisor ? "supervisor" : "agent").append('\n')
                    .append("      team: general\n")
                    .append("      skills: [general, logistics, orders, pre_sale, refunds, returns, complaints,"
                            + " account_security]\n")
                    .append("      languages: [zh, en]\n")
                    .append("      chatCapacity: ").append(supervisor ? 0 : 3).append('\n')
                    .append("      passwordHash: \"").append(PASSWORD_HASH).append("\"\n");
        }
        y.append("limits:\n  httpPerIpPerSecond: 1000000\n  httpBurst: 1000000\n"
                + "  loginsPerIpPerMinute: 100000\n  loginBurst: 100000\n"
                + "  chatMessagesPerSecond: 1000000\n  chatBurst: 1000000\n"
                + "  chatSignInsPerIpPerMinute: 1000000\n  chatSignInBurst: 1000000\n");
        y.append("bot:\n  nluProfile: ").append(profile).append('\n');
        return y.toString();
    }

    /** One HTTP request; fails unless the status is 2xx. */
    static Future<String> request(HttpClient http, HttpMethod method, int port, String uri,
            Map<String, String> headers, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
                .setURI(uri);
        headers.forEach(options::putHeader);
        return http.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body, "UTF-8")))
                .compose(resp -> resp.body().compose(b -> resp.statusCode() / 100 == 2
                        ? Future.succeededFuture(b.toString(StandardCharsets.UTF_8))
                        : Future.failedFuture(method + " " + uri + " -> " + resp.statusCode() + " " + b)));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static Map<String, String> decodeForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A chat customer on a WebSocket: one message at a time, the next once it is acknowledged and answered. */
    static final class ChatShopper {
        final String customerId;
        private final int index;
        private final boolean chinese;
        private final LoadScript script;
        private final Tally tally;
        private final Set<String> acked = ConcurrentHashMap.newKeySet();
        /** Acknowledged message id to the conversation the server filed it in. */
        final Map<String, String> conversationOf = new ConcurrentHashMap<>();
        private final Set<String> replyIds = ConcurrentHashMap.newKeySet();
        private WebSocket ws;
        private io.vertx.core.Context context;
        private long n;
        private String pending;
        private long sentAt;
        private boolean ackPending;
        private boolean replyPending;
        private boolean withHuman;
        private int retries;
        private volatile boolean busy;

        ChatShopper(int index, String customerId, boolean chinese, LoadScript script, Tally tally) {
            this.index = index;
            this.customerId = customerId;
            this.chinese = chinese;
            this.script = script;
            this.tally = tally;
        }

        Future<Void> connect(WebSocketClient client, int port) {
            Future<Void> session = client.connect(port, "127.0.0.1", "/ws/chat").compose(socket -> {
                ws = socket;
                context = Vertx.currentContext();
                io.vertx.core.Promise<Void> signedIn = io.vertx.core.Promise.promise();
                socket.textMessageHandler(text -> onFrame(text, signedIn));
                return socket.writeTextMessage("{\"type\":\"hello\",\"customerId\":\"" + customerId
                        + "\",\"locale\":\"" + (chinese ? "zh" : "en") + "\"}").compose(v -> signedIn.future());
            });
            return session;
        }

        void start() {
            context.runOnContext(v -> sendNext());
        }

        Set<String> ackedMessageIds() {
            return acked;
        }

        boolean busy() {
            return busy;
        }

        void close() {
            ws.close();
        }

        private void onFrame(String text, io.vertx.core.Promise<Void> signedIn) {
            FrameFields f;
            try {
                f = FrameFields.parse(text);
            } catch (IOException e) {
                tally.errors.incrementAndGet();
                return;
            }
            switch (f.text("type")) {
                case "session" -> signedIn.tryComplete();
                case "ack" -> {
                    if (f.text("id").equals(pending) && ackPending) {
                        ackPending = false;
                        acked.add(f.text("messageId"));
                        conversationOf.put(f.text("messageId"), f.text("conversationId"));
                        if (tally.measuring) {
                            tally.chat.incrementAndGet();
                        }
                        maybeNext();
                    }
                }
                case "message" -> onMessage(f);
                case "handoff" -> {
                    if ("queued".equals(f.text("status")) && !withHuman) {
                        withHuman = true;
                        tally.handoffs.incrementAndGet();
                    }
                }
                case "closed" -> {
                    if (withHuman) {
                        withHuman = false;
                        tally.handoffsClosed.incrementAndGet();
                        maybeNext();
                    }
                }
                case "error" -> {
                    tally.errors.incrementAndGet();
                    if (pending != null && ackPending && retries++ < 3) {
                        context.owner().setTimer(200, t -> send()); // same id: stored once
                    }
                }
                default -> {
                }
            }
        }

        private void onMessage(FrameFields f) {
            if (!replyIds.add(f.text("id"))) {
                tally.duplicateFrames.incrementAndGet();
                return;
            }
            if (!"bot".equals(f.text("from"))) {
                return;
            }
            if (replyPending) {
                replyPending = false;
                tally.botReplies.incrementAndGet();
                if (tally.measuring) {
                    tally.bot.record(System.nanoTime() - sentAt);
                }
                if ("handoff".equals(f.text("action")) && !withHuman) {
                    withHuman = true;
                    tally.handoffs.incrementAndGet();
                }
                maybeNext();
            }
        }

        private void maybeNext() {
            if (!ackPending && !replyPending && !withHuman) {
                busy = false;
                if (tally.sending) {
                    sendNext();
                }
            } else {
                busy = true;
            }
        }

        private void sendNext() {
            pending = "m" + (n++);
            retries = 0;
            ackPending = true;
            replyPending = true;
            busy = true;
            send();
        }

        private void send() {
            sentAt = System.nanoTime();
            String text = script.message(index, n, chinese);
            ws.writeTextMessage("{\"type\":\"message\",\"id\":\"" + pending + "\",\"text\":"
                    + quote(text) + "}");
        }
    }

    /** An agent on a WebSocket: accepts every offer, answers once and closes the conversation. */
    static final class LoadAgent {
        private final WebSocket ws;
        private final Tally tally;
        private long replies;

        private LoadAgent(WebSocket ws, Tally tally) {
            this.ws = ws;
            this.tally = tally;
        }

        static Future<LoadAgent> connect(WebSocketClient client, int port, String token, Tally tally) {
            return client.connect(port, "127.0.0.1", "/ws/agent").compose(socket -> {
                LoadAgent agent = new LoadAgent(socket, tally);
                io.vertx.core.Promise<LoadAgent> welcomed = io.vertx.core.Promise.promise();
                socket.textMessageHandler(text -> agent.onFrame(text, welcomed));
                return socket.writeTextMessage("{\"type\":\"auth\",\"token\":\"" + token + "\"}")
                        .compose(v -> welcomed.future());
            });
        }

        private void onFrame(String text, io.vertx.core.Promise<LoadAgent> welcomed) {
            FrameFields f;
            try {
                f = FrameFields.parse(text);
            } catch (IOException e) {
                tally.errors.incrementAndGet();
                return;
            }
            String conversation = f.text("conversationId");
            switch (f.text("type")) {
                case "welcome" -> welcomed.tryComplete(this);
                case "offer" -> ws.writeTextMessage("{\"type\":\"accept\",\"conversationId\":\"" + conversation + "\"}");
                case "assigned" -> {
                    ws.writeTextMessage("{\"type\":\"message\",\"conversationId\":\"" + conversation
                            + "\",\"id\":\"r" + (replies++) + "\",\"text\":\"Hello, I am here to help / 您好，我来帮您\"}");
                    ws.writeTextMessage("{\"type\":\"close\",\"conversationId\":\"" + conversation
                            + "\",\"disposition\":\"resolved\"}");
                }
                case "error" -> tally.errors.incrementAndGet();
                default -> {
                }
            }
        }

        void close() {
            ws.close();
        }
    }

    /** An SMS or email customer: posts a signed webhook, then waits for the reply before the next message. */
    abstract static class ReplyWaiter {
        final int index;
        final Vertx vertx;
        final HttpClient http;
        final int port;
        final LoadScript script;
        final Tally tally;
        private final Object lock = new Object();
        private long n;
        private boolean ackPending;
        private boolean replyPending;
        private int retries;

        ReplyWaiter(int index, Vertx vertx, HttpClient http, int port, LoadScript script, Tally tally) {
            this.index = index;
            this.vertx = vertx;
            this.http = http;
            this.port = port;
            this.script = script;
            this.tally = tally;
        }

        abstract Future<String> post(long n, String text);

        abstract AtomicLong counter();

        void start() {
            next();
        }

        boolean busy() {
            synchronized (lock) {
                return ackPending || replyPending;
            }
        }

        /** Accepted by the server but never answered. */
        boolean unanswered() {
            synchronized (lock) {
                return !ackPending && replyPending;
            }
        }

        void replied() {
            synchronized (lock) {
                replyPending = false;
            }
            maybeNext();
        }

        private void next() {
            long current;
            synchronized (lock) {
                current = n++;
                ackPending = true;
                replyPending = true;
                retries = 0;
            }
            send(current);
        }

        private void send(long current) {
            post(current, script.question(index, current, index % 2 == 1)).onComplete(r -> {
                if (r.succeeded()) {
                    synchronized (lock) {
                        ackPending = false;
                    }
                    if (tally.measuring) {
                        counter().incrementAndGet();
                    }
                    maybeNext();
                } else {
                    tally.errors.incrementAndGet();
                    boolean again;
                    synchronized (lock) {
                        again = retries++ < 3;
                        if (!again) {
                            ackPending = false;
                            replyPending = false; // refused: the sender knows, nothing to wait for
                        }
                    }
                    if (again) {
                        vertx.setTimer(200, t -> send(current));
                    } else {
                        maybeNext();
                    }
                }
            });
        }

        private void maybeNext() {
            boolean go;
            synchronized (lock) {
                go = !ackPending && !replyPending;
            }
            if (go && tally.sending) {
                next();
            }
        }
    }

    static final class SmsCustomer extends ReplyWaiter {
        final String phone;

        SmsCustomer(int index, String phone, Vertx vertx, HttpClient http, int port, LoadScript script,
                Tally tally) {
            super(index, vertx, http, port, script, tally);
            this.phone = phone;
        }

        @Override
        Future<String> post(long n, String text) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("MessageSid", "SM" + phone.substring(1) + "x" + n);
            fields.put("AccountSid", "ACload");
            fields.put("From", phone);
            fields.put("To", "+15550009999");
            fields.put("Body", text);
            Map<String, List<String>> multi = new LinkedHashMap<>();
            fields.forEach((k, v) -> multi.put(k, List.of(v)));
            String signature = new SmsSignatureVerifier(SMS_TOKEN).sign(PUBLIC_URL + "/webhooks/sms/inbound", multi);
            return request(http, HttpMethod.POST, port, "/webhooks/sms/inbound", Map.of(
                    "Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
                    form(fields));
        }

        @Override
        AtomicLong counter() {
            return tally.sms;
        }
    }

    static final class EmailCustomer extends ReplyWaiter {
        final String address;

        EmailCustomer(int index, String address, Vertx vertx, HttpClient http, int port, LoadScript script,
                Tally tally) {
            super(index, vertx, http, port, script, tally);
            this.address = address;
        }

        @Override
        Future<String> post(long n, String text) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String token = UUID.randomUUID().toString();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("from", address);
            fields.put("to", SUPPORT);
            fields.put("subject", "Question " + n);
            fields.put("text", text);
            fields.put("Message-Id", "<q" + n + "." + address + ">");
            fields.put("timestamp", timestamp);
            fields.put("token", token);
            fields.put("signature", new EmailWebhookSignature(EMAIL_KEY).sign(timestamp, token));
            return request(http, HttpMethod.POST, port, "/webhooks/email/inbound",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), form(fields));
        }

        @Override
        AtomicLong counter() {
            return tally.email;
        }
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
