package dev.concierge.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.server.Application;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat widget tells a shopper what went wrong in their language, not in the server's English for developers. */
class ChatErrorsBrowserIT {
    private static Application app;
    private static WebDriver driver;
    private static String base;
    @TempDir
    static Path profile;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        // one message a second, no burst: the second of two quick messages is refused
        app = Browser.server(2, Map.of("limits.chatMessagesPerSecond", "1", "limits.chatBurst", "1"));
        base = "http://127.0.0.1:" + app.port();
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, app);
    }

    @Test
    void aRateLimitedShopperReadsWhyInChinese() {
        driver.get(base + "/chat?locale=zh");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-customer-id") != null
                && !d.findElement(By.id("status")).getText().isBlank());
        // an empty chat opens with a greeting in the chat's language (a reload after a closed conversation was blank)
        assertThat(driver.findElement(By.cssSelector(".msg.greeting")).getText()).contains("智能客服");
        // two messages in the same instant, without waiting for the input to clear in between
        ((JavascriptExecutor) driver).executeScript("""
                const input = document.getElementById('text');
                const form = document.getElementById('composer');
                for (const text of ['你好', '在吗']) { input.value = text; form.requestSubmit(); }""");
        wait.until(d -> d.findElements(By.cssSelector(".msg.from-system")).stream()
                .anyMatch(e -> e.getText().contains("消息发送太频繁")));
        assertThat(driver.findElement(By.id("log")).getText()).doesNotContain("too many messages");
    }
}
