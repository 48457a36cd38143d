package io.codinspect.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver: a real browser running the built web UI.
 * Each browser has its own profile, so two of them are two people.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser open(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver (./codinspect test installs them)");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--force-color-profile=srgb",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until the condition holds (a non-null, non-false answer) and returns its answer. */
    <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .withMessage(() -> what + "\n--- page text ---\n" + text())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for an element matching {@code css} whose text contains {@code text}. */
    WebElement awaitText(Duration timeout, String css, String text) {
        return await(
                timeout,
                "an element " + css + " with text '" + text + "'",
                d -> all(css).stream()
                        .filter(e -> e.getText().contains(text))
                        .findFirst()
                        .orElse(null));
    }

    /** Signs in on the web UI's sign-in page with an API token and waits until the app greets {@code name}. */
    void signInWithToken(String signInUrl, String token, String name) {
        go(signInUrl);
        var field = await(Duration.ofSeconds(20), "the token field", d -> find("#token"));
        field.sendKeys(token);
        field.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitText(Duration.ofSeconds(20), ".me-name", name);
    }

    /**
     * What axe-core (the web UI's pinned copy) finds against WCAG 2.1 A and AA on the page as it is
     * now — labels, names, contrast, landmarks, ARIA — one line per rule broken, with where.
     */
    List<String> accessibilityViolations() {
        var axe = Path.of(System.getProperty("codinspect.axe", "../web-ui/node_modules/axe-core/axe.min.js"));
        try {
            script(Files.readString(axe));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var found = ((JavascriptExecutor) driver).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
                          .then(r => done(r.violations.map(v => v.id + ": " + v.help + " at "
                            + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(", "))))
                          .catch(e => done(["axe failed: " + e]));
                        """);
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    /** The trimmed texts of the elements matching {@code css}, in page order. */
    List<String> texts(String css) {
        return all(css).stream().map(e -> e.getText().strip()).toList();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Makes the page see the system's colour scheme as dark (or light again). */
    void darkScheme(boolean dark) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                java.util.Map.of(
                        "features",
                        List.of(java.util.Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a PNG of the viewport as {@code <name>.png} in the screenshots folder (see the pom). */
    void screenshot(String name) {
        var folder = Path.of(System.getProperty("codinspect.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
