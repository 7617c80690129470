package dev.concierge.server.browser;

import dev.concierge.server.Application;
import dev.concierge.server.config.ConfigLoader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through the system chromedriver. The driver path is always given explicitly, so
 * Selenium Manager never runs (it would try to download a browser). Without Chromium the browser tests skip with
 * a visible message, except under {@code CI=true}, where they fail.
 */
final class Browser {
    static final String CHROMIUM = System.getenv().getOrDefault("CONCIERGE_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CONCIERGE_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {
    }

    static void assumeAvailable() {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            String message = "SKIPPING browser tests: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " not found (apt-get install chromium chromium-driver; .ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message.replace("SKIPPING", "CI=true requires the") );
            }
            System.err.println(message);
            Assumptions.assumeTrue(false, message);
        }
    }

    static WebDriver start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-default-apps", "--disable-extensions", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * The server on its embedded defaults for a browser test: loopback, any free port, a short shutdown grace,
     * {@code workerThreads} workers, then {@code extra} settings on top.
     */
    static Application server(int workerThreads, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "server.workerThreads", Integer.toString(workerThreads), "server.shutdownGraceSeconds", "1"));
        settings.putAll(extra);
        return Application.start(new ConfigLoader().load(null, Map.of(), settings), Clock.systemUTC());
    }

    /** Quits the browser and closes the server, whichever of them started. */
    static void stop(WebDriver driver, Application app) {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Saves a screenshot under docs/screenshots/ of the repository (the tests run in server/). */
    static void screenshot(WebDriver driver, String name) throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs").normalize();
        if (!Files.isDirectory(docs)) {
            return;
        }
        Path dir = docs.resolve("screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
