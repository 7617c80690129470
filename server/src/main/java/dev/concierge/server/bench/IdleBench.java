package dev.concierge.server.bench;

import dev.concierge.core.cli.CommandOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench idle [--connections N] [--heap SIZE]}: how many idle shopper WebSockets one node holds and what
 * each costs. Starts {@code serve} (embedded defaults) as a child JVM with {@code -Xmx SIZE}, measures its heap
 * after a full GC, opens N chat sockets from this JVM (each signs in with its own customer id and gets its
 * session), measures again, checks that the node still answers (a ping on a sample of sockets and
 * {@code /health/ready}), and prints {@code heap_per_connection_bytes} on the last line as JSON.
 *
 * <p>Both processes need one file descriptor per socket: N is bounded by {@code ulimit -n}.
 */
public final class IdleBench {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private IdleBench() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int connections;
        String heap;
        try {
            CommandOptions options = CommandOptions.parse(args, Set.of("connections", "heap"));
            connections = options.integer("connections", 19_000, 1, 1_000_000);
            heap = options.get("heap", "2g");
            if (!heap.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException("--heap must look like 2g or 512m");
            }
        } catch (IllegalArgumentException e) {
            err.println("bench idle: " + e.getMessage());
            err.println("usage: bench idle [--connections N] [--heap SIZE]");
            return 2;
        }
        Process node = null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            int port = ChildNodes.freePort();
            Path log = Files.createTempFile("concierge-idle", ".log");
            // every socket signs in as a new customer from 127.0.0.1: the per-IP sign-in limit measures nothing here
            Path config = Files.createTempFile("concierge-idle", ".yaml");
            Files.writeString(config, "limits:\n  chatSignInsPerIpPerMinute: 100000000\n  chatSignInBurst: 100000000\n");
            config.toFile().deleteOnExit();
            node = ChildNodes.start(heap, port, log, "--config", config.toString());
            ChildNodes.waitReady(port, node, log, 90);
            long before = heapAfterGc(node.pid());
            err.printf(Locale.ROOT, "bench idle: node pid %d ready on %d, heap after GC %.1f MB; opening %d sockets%n",
                    node.pid(), port, before / 1e6, connections);
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setConnectTimeout(30_000).setMaxConnections(connections + 10));
            List<WebSocket> sockets = new ArrayList<>(connections);
            AtomicLong pongs = new AtomicLong();
            String run = UUID.randomUUID().toString().substring(0, 8);
            int batch = 500;
            long started = System.nanoTime();
            for (int from = 0; from < connections; from += batch) {
                List<Future<WebSocket>> opening = new ArrayList<>();
                for (int i = from; i < Math.min(connections, from + batch); i++) {
                    opening.add(signIn(client, port, "idle-" + run + "-" + i, pongs));
                }
                Future.all(opening).await(120, TimeUnit.SECONDS);
                opening.forEach(f -> sockets.add(f.result()));
                if ((from / batch) % 8 == 7) {
                    err.printf(Locale.ROOT, "bench idle: %d sockets open%n", sockets.size());
                }
            }
            double openSeconds = (System.nanoTime() - started) / 1e9;
            long after = heapAfterGc(node.pid());
            long rss = rssBytes(node.pid());
            int sample = Math.min(1000, sockets.size());
            for (int i = 0; i < sample; i++) {
                sockets.get(i * (sockets.size() / sample)).writeTextMessage("{\"type\":\"ping\"}");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pongs.get() < sample && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            boolean ready = ChildNodes.readiness(port) == 200;
            long perConnection = (after - before) / connections;
            err.printf(Locale.ROOT, "bench idle: %d sockets in %.1f s, heap %.1f MB -> %.1f MB, RSS %.1f MB, %d/%d"
                    + " pings answered, ready=%s%n", sockets.size(), openSeconds, before / 1e6, after / 1e6, rss / 1e6,
                    pongs.get(), sample, ready);
            out.println(String.format(Locale.ROOT,
                    "{\"connections\":%d,\"heap_max\":\"%s\",\"open_seconds\":%.1f,\"heap_before_bytes\":%d,"
                            + "\"heap_after_bytes\":%d,\"heap_per_connection_bytes\":%d,\"rss_bytes\":%d,"
                            + "\"pings_answered\":%d,\"pings_sent\":%d,\"ready\":%s}",
                    sockets.size(), heap, openSeconds, before, after, perConnection, rss, pongs.get(), sample, ready));
            sockets.forEach(WebSocket::close);
            return pongs.get() == sample && ready ? 0 : 1;
        } catch (Exception e) {
            err.println("bench idle failed: " + e);
            return 1;
        } finally {
            if (node != null) {
                node.destroy();
                try {
                    node.waitFor(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                node.destroyForcibly();
            }
            vertx.close().await();
        }
    }

    private static Future<WebSocket> signIn(WebSocketClient client, int port, String customer, AtomicLong pongs) {
        return client.connect(port, "127.0.0.1", "/ws/chat").compose(ws -> {
            Promise<WebSocket> session = Promise.promise();
            ws.textMessageHandler(text -> {
                if (text.contains("\"type\":\"session\"")) {
                    session.tryComplete(ws);
                } else if (text.contains("\"type\":\"pong\"")) {
                    pongs.incrementAndGet();
                }
            });
            return ws.writeTextMessage("{\"type\":\"hello\",\"customerId\":\"" + customer + "\",\"locale\":\"en\"}")
                    .compose(v -> session.future());
        });
    }

    /** Heap in use after a full collection, read with the JDK's jcmd. */
    private static long heapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("cannot read the heap of " + pid);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + text);
        }
        return text;
    }

    private static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        return -1;
    }
}
