package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser against the booted server (embedded store, simulated vendor): sign in
 * with the banner's one-time link, import a CSV, build a segment in the visual and the text view with the
 * live count checked against the API, create and send a campaign and watch it complete, read and export its
 * delivery log, and sign out. Every page passes axe-core's WCAG A/AA rules; a screenshot of each step is
 * written under {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {
    static Application app;
    static ApiClient api;
    static Browser browser;

    @BeforeAll
    static void boot() {
        Browser.assumeInstalled();
        app = new Application(Config.from(Map.of("PORT", "0")), Clock.systemUTC(), EndToEndTest.fast());
        app.start();
        api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
        browser = new Browser(1280, 900);
    }

    @AfterAll
    static void shutDown() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void aMarketerWalksThroughTheConsole(@TempDir Path dir) throws Exception {
        try {
            walk(dir);
        } catch (Exception | AssertionError e) {
            browser.screenshot("failure");
            throw new AssertionError(e.getMessage() + "\n" + browser.diagnostics(), e);
        }
    }

    private void walk(Path dir) throws Exception {
        Browser b = browser;

        // sign in with the banner's one-time link; the page is keyboard-first: Tab lands on the skip link
        b.driver.get(app.consoleSignInLink().orElseThrow().toString());
        b.heading("Dashboard");
        assertThat(b.driver.getCurrentUrl()).doesNotContain("code=");
        // keyboard order: from the page's heading (focused after each navigation) back through the header
        List<String> backwards = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            b.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
            backwards.add(b.driver.switchTo().activeElement().getText().strip());
        }
        assertThat(backwards).containsSubsequence("Operations", "Campaigns", "Segments", "Customers", "Dashboard", "Mini CRM",
                "Skip to content");
        b.screenshot("dashboard");
        b.assertAccessible("the dashboard");

        // import a CSV: 40 good rows, 2 bad ones reported with their row and field
        StringBuilder csv = new StringBuilder("email,name,city,visits,totalSpent,tags\n");
        for (int i = 0; i < 40; i++) {
            csv.append("walker").append(i).append("@example.com,Walker ").append(i).append(',')
                    .append(i % 2 == 0 ? "Pune" : "Goa").append(',').append(i % 5).append(',').append(i * 1000).append(",vip\n");
        }
        csv.append("not-an-email,Bad,Pune,1,10,\n").append("bad2@example.com,Bad,Pune,-3,10,\n");
        Path file = dir.resolve("customers.csv");
        Files.writeString(file, csv);
        b.driver.get(app.baseUrl() + "/#/customers");
        b.heading("Customers");
        b.labelled("CSV file").sendKeys(file.toString());
        b.byText("button", "Import").click();
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Imported 40 of 42 rows"));
        WebElement rejected = b.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table[caption='Rejected rows']/tbody")));
        assertThat(rejected.getText()).contains("/email").contains("/visits");
        b.screenshot("csv-import");
        b.assertAccessible("the customers page after an import");

        // search, compared with the API
        WebElement search = b.labelled("Search by e-mail or name");
        search.sendKeys("walker1");
        int expected = api.get("/api/customers?q=walker1&limit=50").body().size();
        By customerRows = By.xpath("//table[caption='Customers']/tbody/tr");
        b.wait.until(d -> d.findElements(customerRows).size() == expected
                && d.findElements(customerRows).stream().allMatch(r -> r.getText().contains("walker1")));

        // a segment in the visual builder: city = Pune
        b.driver.get(app.baseUrl() + "/#/segments/new");
        b.heading("New segment");
        WebElement cond = b.find(".tree .cond");
        new Select(cond.findElement(By.cssSelector("select[aria-label='Field']"))).selectByValue("city");
        WebElement condAfter = b.find(".tree .cond");
        new Select(condAfter.findElement(By.cssSelector("select[aria-label='Operator']"))).selectByValue("eq");
        WebElement value = b.find(".tree .cond input[aria-label='Value']");
        value.sendKeys("Pune");
        long pune = api.post("/api/segments/preview", Map.of("rules", Map.of("field", "city", "op", "eq", "value", "Pune")))
                .body().get("count").asLong();
        awaitCount(pune);
        b.wait.until(d -> b.labelled("DSL").getAttribute("value").equals("city = \"Pune\""));
        b.screenshot("segment-visual");

        // ... and in the text view: the tree follows the text, the count follows both
        WebElement dsl = b.labelled("DSL");
        dsl.sendKeys(Keys.chord(Keys.CONTROL, "a"), "city = \"Pune\" and visits >= 2");
        long puneRegulars = api.post("/api/segments/preview", Map.of("rules", Map.of("dsl", "city = \"Pune\" and visits >= 2")))
                .body().get("count").asLong();
        assertThat(puneRegulars).isPositive().isLessThan(pune);
        awaitCount(puneRegulars);
        b.wait.until(d -> d.findElements(By.cssSelector(".tree .cond")).size() == 2);
        b.screenshot("segment-dsl");
        b.assertAccessible("the segment builder");
        b.labelled("Segment name").sendKeys("Pune regulars");
        b.byText("button", "Save segment").click();
        b.heading("Pune regulars");
        b.assertAccessible("a saved segment");

        // a campaign for it, previewed for real customers, sent, watched to completion
        b.byText("a", "New campaign for this segment").click();
        b.heading("New campaign");
        b.labelled("Campaign name").sendKeys("Pune thanks");
        WebElement message = b.labelled("Message");
        message.sendKeys("thanks for coming back!");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ul.sample"), "Hi Walker"));
        b.screenshot("campaign-editor");
        b.assertAccessible("the campaign editor");
        b.byText("button", "Create and send now").click();
        b.heading("Pune thanks");
        b.wait.withTimeout(Duration.ofSeconds(90)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("main .badge"), "completed"));
        String campaignId = b.driver.getCurrentUrl().replaceAll(".*#/campaigns/", "");
        JsonNode stats = api.get("/api/campaigns/" + campaignId).body().get("stats");
        assertThat(stats.get("audience").asLong()).isEqualTo(puneRegulars);
        b.wait.until(d -> d.findElement(By.cssSelector("[data-counter='sent']")).getText()
                .equals(String.format("%,d", stats.get("sent").asLong())));
        b.find(".chart .uplot");
        b.screenshot("campaign-completed");
        b.assertAccessible("the campaign page");

        // the delivery log, filtered, and its CSV export
        new Select(b.labelled("Status")).selectByValue("sent");
        By logBadges = By.xpath("//table[caption='Delivery log']/tbody/tr//span[contains(@class, 'badge')]");
        b.wait.until(d -> !d.findElements(logBadges).isEmpty()
                && d.findElements(logBadges).stream().allMatch(e -> e.getText().equals("sent")));
        b.byText("button", "Export CSV").click();
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Exported ("));
        b.wait.until(d -> {
            try (var files = Files.list(b.downloads())) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith("-deliveries.csv"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Path exported;
        try (var files = Files.list(b.downloads())) {
            exported = files.filter(f -> f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(exported);
        assertThat(lines).hasSize(1 + stats.get("sent").intValue());
        b.screenshot("delivery-log");

        // operations, then sign out
        b.driver.get(app.baseUrl() + "/#/operations");
        b.heading("Operations");
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "/ready"));
        // the list of queued ingestions answered for the admin (the CSV import above is not queued)
        b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "No queued ingestions yet"));
        b.screenshot("operations");
        b.assertAccessible("the operations page");
        b.find("#sign-out").click();
        b.heading("Sign in to Mini CRM");
        assertThat(b.js("return localStorage.getItem('minicrm.session')")).isNull();
        b.screenshot("signed-out");
        b.assertAccessible("the sign-in page");
    }

    private static void awaitCount(long expected) {
        browser.wait.until(d -> {
            String c = d.findElement(By.id("live-count")).getAttribute("data-count");
            return c != null && Long.parseLong(c) == expected;
        });
    }
}
