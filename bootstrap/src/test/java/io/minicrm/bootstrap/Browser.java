package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through Debian's chromedriver (both named by path, so Selenium Manager never
 * looks for or downloads anything), screenshots under {@code target/console-screenshots}, and the axe-core
 * accessibility check from its webjar.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SHOTS = Path.of("target", "console-screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    private int shot;

    /** Skips (with the reason) when the browser packages are not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed "
                        + "(apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    Browser(int width, int height) {
        try {
            profile = Files.createTempDirectory("minicrm-chromium-");
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--lang=en-US");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    Path downloads() {
        return profile.resolve("downloads");
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement byText(String tag, String text) {
        return wait.until(d -> d.findElements(By.tagName(tag)).stream()
                .filter(e -> e.isDisplayed() && e.getText().strip().equals(text)).findFirst().orElse(null));
    }

    /** The control whose label reads {@code label}. */
    WebElement labelled(String label) {
        WebElement l = wait.until(d -> d.findElements(By.tagName("label")).stream()
                .filter(e -> e.isDisplayed() && e.getText().strip().equals(label)).findFirst().orElse(null));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), text));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Path screenshot(String name) {
        Path file = SHOTS.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Runs axe-core (WCAG 2 A/AA rules: labels, contrast, names, landmarks, tabindex) on the page and fails on
     * serious or critical violations, listing each with its nodes.
     */
    void assertAccessible(String page) {
        if (!Boolean.TRUE.equals(js("return typeof window.axe !== 'undefined'"))) {
            js(axeSource());
        }
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + " resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' -> ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        List<String> violations = new ArrayList<>();
        ((List<?>) raw).forEach(v -> violations.add(String.valueOf(v)));
        assertThat(violations).as("serious/critical accessibility violations on %s", page).isEmpty();
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                + axeVersion() + "/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("the axe-core webjar is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeVersion() {
        try (InputStream in = Browser.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the axe-core webjar is not on the test classpath", e);
        }
    }

    /** What the page logged (errors included), and its current DOM: for the failure message. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder("URL: ").append(driver.getCurrentUrl()).append("\nbrowser console:\n");
        try {
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(e -> sb.append("  ").append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        } catch (RuntimeException e) {
            sb.append("  (no log: ").append(e.getMessage()).append(")\n");
        }
        String dom = driver.getPageSource();
        return sb.append("DOM:\n").append(dom.length() > 4000 ? dom.substring(0, 4000) + "..." : dom).toString();
    }

    WebDriver raw() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
