package dev.concierge.server.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Concierge nodes as child JVMs for the benchmarks that must measure or kill a node on its own. */
final class ChildNodes {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildNodes() {
    }

    /** {@code serve} on 127.0.0.1:port from this JVM's class path, offline, its output in {@code log}. */
    static Process start(String heap, int port, Path log, String... serveOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseG1GC", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "dev.concierge.server.Main", "serve"));
        command.addAll(List.of(serveOptions));
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Waits until the node answers 200 on {@code /health/ready}; fails if it exits or takes too long. */
    static void waitReady(int port, Process node, Path log, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                throw new IllegalStateException("the node on port " + port + " exited; its log: " + log);
            }
            if (readiness(port) == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the node on port " + port + " was not ready after " + seconds
                + " s; its log: " + log);
    }

    /** The status of {@code GET /health/ready}, or -1 when nothing answers. */
    static int readiness(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
