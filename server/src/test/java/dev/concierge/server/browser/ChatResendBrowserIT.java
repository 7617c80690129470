package dev.concierge.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.server.Application;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A message the shopper sends as the connection dies is not lost: the widget shows it as pending and sends it again,
 * with the same id, once it has a session again; the server stores it once. The browser reaches the server through a
 * proxy that can swallow what the browser sends (a node that died after the frame left the browser) and then cut
 * every connection.
 */
class ChatResendBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Application app;
    private static Proxy proxy;
    private static WebDriver driver;
    @TempDir
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeAvailable();
        app = Browser.server(2, Map.of());
        proxy = new Proxy(app.port());
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        Browser.stop(driver, app);
    }

    @Test
    void aMessageSentAsTheConnectionDiedIsSentAgainAndStoredOnce() throws Exception {
        driver.get("http://127.0.0.1:" + proxy.port() + "/chat?locale=en");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-customer-id") != null);
        say("hello");
        wait.until(d -> d.findElements(By.cssSelector(".msg.from-bot")).size() >= 1);
        String customer = driver.findElement(By.tagName("body")).getAttribute("data-customer-id");

        proxy.swallow(true);
        say("typed as the node died");
        // shown, and pending: no ack can come
        wait.until(d -> d.findElements(By.cssSelector(".msg.from-customer.pending")).size() == 1);
        proxy.cutAll();
        proxy.swallow(false);

        // the widget reconnects, resumes and sends it again; the ack clears the pending mark
        wait.until(d -> d.findElements(By.cssSelector(".msg.from-customer.pending")).isEmpty()
                && d.findElement(By.id("log")).getText().contains("typed as the node died"));
        long stored = 0;
        for (int i = 0; i < 50 && stored == 0; i++) {
            stored = storedTimes(customer, "typed as the node died");
            Thread.sleep(100);
        }
        assertThat(stored).isEqualTo(1);
        assertThat(storedTimes(customer, "hello")).isEqualTo(1);
    }

    private static void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    /** How many of the customer's stored messages have this text (from the supervisor's export). */
    private static long storedTimes(String customer, String text) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + app.port();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"supervisor\",\"password\":\"concierge-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).path("token").asText();
        HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/customers/"
                + customer + "/export")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        long count = 0;
        for (JsonNode conversation : JSON.readTree(export.body()).path("conversations")) {
            for (JsonNode m : conversation.path("transcript")) {
                if ("customer".equals(m.path("from").asText()) && text.equals(m.path("text").asText())) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A TCP proxy to the server that can drop what clients send, and cut every connection at once. */
    private static final class Proxy implements AutoCloseable {
        private final ServerSocket listener;
        private final int target;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile boolean swallow;

        Proxy(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "test-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void swallow(boolean on) {
            swallow = on;
        }

        void cutAll() throws IOException {
            for (Socket s : open) {
                s.close();
            }
            open.clear();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(server);
                    pump(client, server, true);
                    pump(server, client, false);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (!(fromClient && swallow)) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // cut
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "test-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            cutAll();
        }
    }
}
