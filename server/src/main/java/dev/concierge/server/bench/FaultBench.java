package dev.concierge.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.core.cli.CommandOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench faults [--shoppers S] [--phase SECONDS] [--profile fast|default]}: two nodes (child JVMs) share a
 * Redis of their own (a child {@code redis-server} on a free port with AOF and {@code appendfsync always}); S chat
 * customers talk to them, half on each node, behaving as {@link FailoverShopper}s. After a phase of normal load,
 * node A is killed with SIGKILL; after another phase, Redis is killed with SIGKILL and started again on its AOF;
 * after a last phase the customers stop and every transcript is read back through the admin export API.
 *
 * <p>Prints as JSON: {@code lost} (acknowledged messages missing from the store or never answered),
 * {@code duplicates} (a customer message stored twice, or answered twice in the store or on a socket) and
 * {@code recovery_seconds}: after each fault, the time until every customer has had a message acknowledged and
 * answered again (the larger of the two). Exit code 0 when nothing was lost or duplicated.
 */
public final class FaultBench {
    private FaultBench() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int shoppers;
        int phase;
        String profile;
        try {
            CommandOptions options = CommandOptions.parse(args, Set.of("shoppers", "phase", "profile"));
            shoppers = options.integer("shoppers", 200, 2, 100_000);
            phase = options.integer("phase", 10, 1, 3_600);
            profile = options.get("profile", "fast");
            if (!List.of("fast", "default", "lexical").contains(profile)) {
                throw new IllegalArgumentException("--profile must be fast or default");
            }
        } catch (IllegalArgumentException e) {
            err.println("bench faults: " + e.getMessage());
            err.println("usage: bench faults [--shoppers S] [--phase SECONDS] [--profile fast|default]");
            return 2;
        }
        List<Process> children = new ArrayList<>();
        boolean keepLogs = true;
        Path dir = null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            dir = Files.createTempDirectory("concierge-faults");
            int redisPort = ChildNodes.freePort();
            Process redis = startRedis(redisPort, dir);
            children.add(redis);
            waitForPort(redisPort, redis, "redis-server");
            err.printf(Locale.ROOT, "bench faults: redis-server (AOF, appendfsync always) on %d%n", redisPort);
            Path config = dir.resolve("node.yaml");
            Files.writeString(config, LoadBench.configYaml("redis", "redis://127.0.0.1:" + redisPort, "faults", 1,
                    profile));
            int portA = ChildNodes.freePort();
            int portB = ChildNodes.freePort();
            Process nodeA = ChildNodes.start("1g", portA, dir.resolve("node-a.log"), "--config", config.toString());
            children.add(nodeA);
            Process nodeB = ChildNodes.start("1g", portB, dir.resolve("node-b.log"), "--config", config.toString());
            children.add(nodeB);
            ChildNodes.waitReady(portA, nodeA, dir.resolve("node-a.log"), 120);
            ChildNodes.waitReady(portB, nodeB, dir.resolve("node-b.log"), 120);
            err.printf(Locale.ROOT, "bench faults: nodes A (pid %d, port %d) and B (pid %d, port %d) ready%n",
                    nodeA.pid(), portA, nodeB.pid(), portB);

            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setConnectTimeout(5_000).setMaxConnections(shoppers * 4));
            FailoverShopper.Counters counters = new FailoverShopper.Counters();
            LoadScript script = new LoadScript(0);
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<FailoverShopper> all = new ArrayList<>();
            for (int i = 0; i < shoppers; i++) {
                FailoverShopper s = new FailoverShopper(i, "fault-" + run + "-" + i, i % 2 == 0, List.of(portA, portB),
                        vertx, client, script, counters);
                all.add(s);
                s.start();
            }
            // Warm-up: every customer signed in and answered once (cold JVMs compile their hot paths first).
            recovery(all, System.nanoTime(), err, "warm-up");
            phase(err, "normal load", phase, counters);

            long killed = System.nanoTime();
            nodeA.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-over
            nodeA.waitFor(10, TimeUnit.SECONDS);
            err.println("bench faults: node A killed (SIGKILL)");
            double nodeRecovery = recovery(all, killed, err, "node A killed");
            phase(err, "one node", phase, counters);

            long redisKilled = System.nanoTime();
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
            Process restarted = startRedis(redisPort, dir);
            children.add(restarted);
            waitForPort(redisPort, restarted, "redis-server");
            double redisDown = (System.nanoTime() - redisKilled) / 1e9;
            err.printf(Locale.ROOT, "bench faults: Redis killed (SIGKILL) and restarted from its AOF in %.2f s%n",
                    redisDown);
            double redisRecovery = recovery(all, redisKilled, err, "Redis restarted");
            phase(err, "after the Redis restart", phase, counters);

            all.forEach(FailoverShopper::stop);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (all.stream().anyMatch(FailoverShopper::busy) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long stillWaiting = all.stream().filter(FailoverShopper::busy).count();
            long[] check = verify(portB, all);
            all.forEach(FailoverShopper::close);
            long lost = check[0] + stillWaiting;
            long duplicates = check[1] + counters.repeatedReplies.get();
            double recovery = Math.max(nodeRecovery, redisRecovery);
            out.println(String.format(Locale.ROOT,
                    "{\"shoppers\":%d,\"phase_s\":%d,\"profile\":\"%s\",\"messages\":%d,\"resent\":%d,"
                            + "\"reconnects\":%d,\"redelivered\":%d,\"errors\":%d,\"bot_p50_ms\":%.2f,\"bot_p99_ms\":%.2f,"
                            + "\"node_kill_recovery_seconds\":%.2f,\"redis_down_seconds\":%.2f,"
                            + "\"redis_restart_recovery_seconds\":%.2f,\"recovery_seconds\":%.2f,\"lost\":%d,"
                            + "\"duplicates\":%d}",
                    shoppers, phase, profile, counters.completed.get(), counters.resent.get(),
                    counters.reconnects.get(), counters.redelivered.get(), counters.errors.get(), counters.bot.percentileMs(50),
                    counters.bot.percentileMs(99), nodeRecovery, redisDown, redisRecovery, recovery, lost,
                    duplicates));
            keepLogs = lost > 0 || duplicates > 0;
            return keepLogs ? 1 : 0;
        } catch (Exception e) {
            err.println("bench faults failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            for (Process p : children) {
                p.destroyForcibly();
            }
            vertx.close().await();
            if (dir != null && keepLogs) {
                err.println("bench faults: node and Redis logs kept in " + dir);
            } else if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private static void phase(PrintStream err, String name, int seconds, FailoverShopper.Counters counters)
            throws InterruptedException {
        long before = counters.completed.get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        err.printf(Locale.ROOT, "bench faults: %s: %.0f messages/s answered%n", name,
                (counters.completed.get() - before) / (double) seconds);
    }

    /** Seconds from the fault until every customer has completed a message again (60 s at most). */
    private static double recovery(List<FailoverShopper> all, long faultNanos, PrintStream err, String what)
            throws InterruptedException {
        long deadline = faultNanos + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (all.stream().allMatch(s -> s.lastCompletedNanos() > faultNanos)) {
                double seconds = (System.nanoTime() - faultNanos) / 1e9;
                err.printf(Locale.ROOT, "bench faults: %s: every customer answered again after %.2f s%n", what,
                        seconds);
                return seconds;
            }
            Thread.sleep(20);
        }
        List<FailoverShopper> behind = all.stream().filter(s -> s.lastCompletedNanos() <= faultNanos).toList();
        err.printf(Locale.ROOT, "bench faults: %s: %d customers still without an answer after 60 s%n", what,
                behind.size());
        behind.stream().limit(5).forEach(s -> err.println("bench faults:   " + s.state()));
        return 60;
    }

    /** {lost, duplicates} from every customer's exported transcripts. */
    private static long[] verify(int port, List<FailoverShopper> all) throws Exception {
        Exports exports = Exports.signIn(port);
        long lost = 0;
        long duplicates = 0;
        for (FailoverShopper s : all) {
            JsonNode export = exports.of(s.customerId);
            Map<String, Integer> stored = Exports.customerMessages(export);
            Map<String, Integer> replies = Exports.botReplies(export);
            for (String id : s.ackedMessageIds()) {
                if (!stored.containsKey(id) || !replies.containsKey(id)) {
                    lost++;
                }
            }
            for (int n : stored.values()) {
                duplicates += n - 1;
            }
            for (int n : replies.values()) {
                duplicates += n - 1;
            }
        }
        return new long[] {lost, duplicates};
    }

    private static Process startRedis(int port, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", dir.toString(),
                "--daemonize", "no");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (is it installed?): " + e.getMessage(), e);
        }
    }

    private static void waitForPort(int port, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited");
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(what + " not listening on " + port + " after 30 s");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
