package dev.concierge.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.server.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three pages end to end in a real browser: a shopper asks, the bot answers, the shopper asks for a human;
 * agent-1 accepts with the context card, inserts a knowledge-base answer and replies; a script injection from the
 * shopper stays text; agent-2 is refused another team's conversation (and the audit log shows it); agent-1
 * transfers to agent-2, who closes; the shopper rates 5; the supervisor sees it in the figures.
 */
class PagesBrowserIT {
    private static Application app;
    private static WebDriver driver;
    private static String base;
    @TempDir
    static Path profile;

    @BeforeAll
    static void start() {
        Browser.assumeAvailable();
        app = Browser.server(4, Map.of());
        base = "http://127.0.0.1:" + app.port();
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        Browser.stop(driver, app);
    }

    @Test
    void shopperAgentsAndSupervisorEndToEnd() throws Exception {
        // Shopper, phone-sized.
        String shopper = driver.getWindowHandle();
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base + "/chat?locale=en");
        wait(d -> d.findElement(By.tagName("body")).getAttribute("data-customer-id") != null);
        // A general question first: a returns question would route the handoff to the returns skill (agent-2).
        say("Hello, what payment methods do you accept?");
        waitText(By.cssSelector(".msg.from-bot"), "");
        assertThat(driver.findElements(By.cssSelector(".msg.from-bot"))).isNotEmpty();

        // agent-1 signs in (agent-2 is still offline, so the offer goes to agent-1).
        String agent1 = openWindow(1400, 1000);
        driver.get(base + "/agent");
        login("agent-1");
        waitText(By.id("me"), "Li Na");

        switchTo(shopper);
        say("I want to talk to a real person");
        waitText(By.cssSelector(".msg.from-system"), "agent");

        switchTo(agent1);
        WebElement offer = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".card.offer")));
        assertThat(offer.getText()).contains("Reason");
        assertThat(offer.findElement(By.cssSelector(".countdown")).getText()).matches("\\d+s");
        String conversationId = offer.getAttribute("data-conversation");
        Browser.screenshot(driver, "agent-offer");
        offer.findElement(By.cssSelector("button.accept")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("work")));
        waitText(By.id("transcript"), "payment methods");
        waitText(By.cssSelector(".context-card"), "Summary");

        // Knowledge-base assist: search, insert, reply.
        WebElement query = driver.findElement(By.id("kb-query"));
        query.clear();
        query.sendKeys("How do I start a return");
        driver.findElement(By.cssSelector("#kb-form button")).click();
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector(".insert-suggestion"))).click();
        String inserted = driver.findElement(By.id("reply")).getDomProperty("value");
        assertThat(inserted).isNotBlank();
        driver.findElement(By.id("send")).click();

        switchTo(shopper);
        waitText(By.cssSelector(".msg.from-agent"), inserted.substring(0, Math.min(12, inserted.length())));

        // A script injection from the shopper is shown as text in the desk and runs nothing.
        String payload = "<img src=x onerror=\"window.__xss=1\">";
        say(payload);
        switchTo(agent1);
        waitText(By.id("transcript"), payload);
        // the reply came back from the server (for the agent's other tabs) and is shown once, not twice
        assertThat(driver.findElements(By.cssSelector("#transcript .msg.from-agent"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#transcript img"))).isEmpty(); // before any photo is sent
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);

        // The shopper sends a photo; the agent opens it.
        Path photo = profile.resolve("defect.png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "png", photo.toFile());
        switchTo(shopper);
        driver.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".msg.from-customer img.photo")));
        switchTo(agent1);
        wait(ExpectedConditions.elementToBeClickable(By.xpath("//ol[@id='transcript']//button[text()='Show photo']")))
                .click();
        wait(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('#transcript img.photo'); return !!i && i.complete && i.naturalWidth === 8;")));

        // agent-2 (after_sales) may not read agent-1's (general) conversation: 403, audit-logged.
        String agent2 = openWindow(1400, 1000);
        driver.get(base + "/agent");
        login("agent-2");
        waitText(By.id("me"), "Sam Carter");
        driver.findElement(By.id("lookup-id")).sendKeys(conversationId);
        driver.findElement(By.id("lookup")).click();
        waitText(By.cssSelector(".lookup-error"), "403");

        // agent-1 transfers to agent-2 with a note.
        switchTo(agent1);
        new Select(driver.findElement(By.id("transfer-kind"))).selectByValue("toAgent");
        driver.findElement(By.id("transfer-target")).sendKeys("agent-2");
        driver.findElement(By.id("transfer-note")).sendKeys("Wants a return label");
        driver.findElement(By.id("transfer")).click();
        wait(d -> d.findElements(By.cssSelector("#conversations button[data-conversation='" + conversationId + "']"))
                .isEmpty());

        switchTo(agent2);
        WebElement transferred = wait(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".card.offer[data-conversation='" + conversationId + "']")));
        assertThat(transferred.getText()).contains("Wants a return label");
        transferred.findElement(By.cssSelector("button.accept")).click();
        waitText(By.id("transcript"), payload);
        Browser.screenshot(driver, "agent-desk");
        new Select(driver.findElement(By.id("disposition"))).selectByValue("resolved");
        driver.findElement(By.id("close")).click();
        waitText(By.id("closed"), "CSAT pending");

        // The shopper answers the satisfaction question with a quick reply.
        switchTo(shopper);
        // one closing notice, the server's (the widget added "The conversation has ended." of its own)
        waitText(By.cssSelector(".msg.from-system"), "now closed");
        assertThat(driver.findElements(By.cssSelector(".msg.from-system")).stream()
                .filter(e -> e.getText().contains("closed") || e.getText().contains("ended"))).hasSize(1);
        wait(ExpectedConditions.elementToBeClickable(By.xpath("//div[@id='quick-replies']/button[text()='5']")))
                .click();
        waitText(By.id("log"), "Thank you");
        Browser.screenshot(driver, "chat");

        switchTo(agent2);
        waitText(By.id("closed"), "CSAT 5/5");

        // The supervisor sees the conversation in the figures and the refused read in the audit log.
        openWindow(1400, 1800);
        driver.get(base + "/supervisor");
        login("supervisor");
        wait(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        String csat = driver.findElement(By.cssSelector("tr[data-figure='averageCsat'] td[data-channel='web_chat']"))
                .getText();
        assertThat(csat).isEqualTo("5");
        assertThat(driver.findElement(By.cssSelector("tr[data-figure='handoffRate'] td[data-channel='web_chat']"))
                .getText()).isEqualTo("100.0%");
        waitText(By.id("audit"), "agent-2");
        List<WebElement> refused = driver.findElements(By.xpath(
                "//table[@id='audit']//tr[td[2][text()='agent-2'] and td[5][text()='NO']]"));
        assertThat(refused).isNotEmpty();
        Browser.screenshot(driver, "supervisor");
    }

    // --- helpers

    private static String openWindow(int width, int height) {
        driver.switchTo().newWindow(WindowType.WINDOW);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver.getWindowHandle();
    }

    private static void switchTo(String handle) {
        driver.switchTo().window(handle);
    }

    private static void say(String text) {
        WebElement input = driver.findElement(By.id("text"));
        wait(d -> !d.findElement(By.id("status")).getText().isBlank());
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
        wait(d -> input.getDomProperty("value").isEmpty());
    }

    private static void login(String user) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("concierge-demo");
        driver.findElement(By.id("login-button")).click();
    }

    private static void waitText(By locator, String text) {
        wait(d -> d.findElements(locator).stream().anyMatch(e -> e.getText().contains(text)));
    }

    private static <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
