package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.github.GitHubUser;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.Reply;
import io.codinspect.testkit.net.TcpProxy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

/**
 * The web UI in real headless Chromium against the whole system: control plane, supervisor,
 * OpenCode and the scripted fake LLM (and the fake GitHub for sign-in and the repository).
 */
class WebUiTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    private static final Duration UI = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static FakeGitHub github;
    private static LocalSystem system;

    @BeforeAll
    static void start() {
        github = FakeGitHub.start(dir.resolve("github"));
        github.createRepo("acme", "widgets", true);
        system = LocalSystem.startWithGitHub(dir, github, Map.of());
    }

    @AfterAll
    static void stop() {
        system.close();
        github.close();
    }

    private static String url(String path) {
        return system.base().resolve(path).toString();
    }

    @Test
    void twoPeopleStartWatchAndSteerOneSessionFromTheirBrowsers() {
        github.signIn(new GitHubUser(
                4101, "alice", "Alice Liddell", "alice@example.com", "alice@example.com", List.of("acme")));
        system.llm()
                .script(
                        "add-greeting",
                        Reply.tool("read", Map.of("filePath", "README.md")),
                        Reply.tool(
                                "edit",
                                Map.of(
                                        "filePath", "README.md",
                                        "oldString", "# Test repository",
                                        "newString", "# Widgets\n\nHello from CodInspect.")),
                        Reply.stream(
                                Chunk.text("I changed the **README** title"),
                                new Chunk.Pause(Duration.ofSeconds(3)),
                                Chunk.text(" and added a greeting:\n\n```java\nclass Greeting {}\n```\n")));
        system.llm().script("say-hi", Reply.text("Hi Bob, nice to meet you."));
        var bob = system.newUser("Bob Builder", "bob", "bob@example.com");

        try (var alice = Browser.open(dir.resolve("alice"))) {
            alice.go(url("/"));
            alice.await(UI, "the sign-in page", d -> alice.find("#github-sign-in"))
                    .click();
            alice.awaitText(UI, ".me-name", "Alice Liddell");

            alice.find("#repository").sendKeys("acme/widgets");
            var prompt = alice.find("#prompt");
            prompt.sendKeys("Please add-greeting");
            prompt.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            alice.await(UI, "the session page", d -> d.getCurrentUrl().contains("/sessions/"));
            var sessionUrl = alice.driver().getCurrentUrl();

            alice.awaitText(TURN, ".assistant-text[data-streaming]", "I changed the README title");
            assertThat(alice.text()).doesNotContain("added a greeting");
            alice.screenshot("session-running");

            alice.awaitText(TURN, ".turn-completed", "Done");
            alice.await(
                    UI,
                    "the page to say it is live",
                    d -> alice.all("#connection").isEmpty());
            var code = alice.awaitText(UI, ".assistant-text pre.code code.hljs", "class Greeting");
            assertThat(code.findElements(By.cssSelector("span.hljs-keyword"))).isNotEmpty();
            assertThat(alice.find(".assistant-text strong").getText()).isEqualTo("README");

            var edit = alice.find("details[data-tool=edit]");
            edit.findElement(By.tagName("summary")).click();
            alice.awaitText(UI, "details[data-tool=edit] .line-added", "Hello from CodInspect.");
            assertThat(alice.find("details[data-tool=edit] .line-removed").getText())
                    .contains("# Test repository");
            assertThat(alice.find(".sidebar").getText()).contains("Files changed (1)", "README.md");
            assertThat(alice.accessibilityViolations())
                    .as("the finished session page")
                    .isEmpty();
            alice.script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -160)", edit);
            alice.screenshot("session-finished");
            alice.darkScheme(true);
            assertThat(alice.accessibilityViolations())
                    .as("the finished session page, dark")
                    .isEmpty();
            alice.screenshot("session-finished-dark");
            alice.darkScheme(false);

            try (var bobs = Browser.open(dir.resolve("bob"))) {
                bobs.signInWithToken(url("/signin"), bob.token(), "Bob Builder");
                bobs.go(sessionUrl);
                bobs.awaitText(UI, ".user-message", "Please add-greeting");

                alice.await(
                        UI,
                        "Bob among the watchers",
                        d -> alice.all(".presence [data-user='Bob Builder']").size() == 1);
                var followUp = bobs.find("#follow-up");
                followUp.sendKeys("Please say-hi");
                followUp.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

                var bobsPrompt = alice.awaitText(UI, ".user-message", "Please say-hi");
                assertThat(bobsPrompt.findElement(By.cssSelector(".author")).getText())
                        .isEqualTo("Bob Builder");
                assertThat(bobsPrompt.findElements(By.cssSelector("[data-user='Bob Builder']")))
                        .hasSize(1);
                alice.awaitText(TURN, ".assistant-text", "Hi Bob, nice to meet you.");
                bobs.awaitText(TURN, ".assistant-text", "Hi Bob, nice to meet you.");
            }

            alice.find("#create-pr").click();
            var link = alice.await(
                    UI,
                    "the pull request link",
                    d -> alice.all("#pr-link").stream().findFirst().orElse(null));
            assertThat(link.getText()).matches("#\\d+");
            assertThat(alice.find(".sidebar").getText()).contains("open");

            alice.go(url("/"));
            alice.awaitText(UI, ".session-list", "Please add-greeting");
            alice.find("#prompt").sendKeys("Add a dark mode toggle to the settings page");
            assertThat(alice.accessibilityViolations()).as("the home page").isEmpty();
            alice.screenshot("home");

            alice.find("body").sendKeys(Keys.chord(Keys.CONTROL, "k"));
            var jump = alice.await(UI, "the command palette", d -> alice.find("[role=dialog] input"));
            jump.sendKeys("add-greeting");
            alice.awaitText(UI, "[role=option]", "Please add-greeting");
            jump.sendKeys(Keys.ENTER);
            alice.await(
                    UI,
                    "the session, opened from the palette",
                    d -> d.getCurrentUrl().equals(sessionUrl));
        }
    }

    @Test
    void aSlowTurnStopsWithEscapeAndAReloadMidStreamShowsEverythingOnce() {
        system.llm().script("stay-slow", Reply.slow("Thinking hard about it", Duration.ofMinutes(2), "."));
        system.llm()
                .script(
                        "tell-story",
                        Reply.stream(
                                Chunk.text("Once upon a time"),
                                new Chunk.Pause(Duration.ofSeconds(4)),
                                Chunk.text(", the end.")));
        ApiClient carol = system.newUser("Carol Coder", "carol", "carol@example.com");

        try (var browser = Browser.open(dir.resolve("carol"))) {
            browser.signInWithToken(url("/signin"), carol.token(), "Carol Coder");
            browser.find("#repository").sendKeys("acme/widgets");
            browser.find("#prompt").sendKeys("Please stay-slow");
            browser.find("form.composer button[type=submit]").click();

            browser.awaitText(TURN, ".assistant-text[data-streaming]", "Thinking hard about it");
            var queued = browser.find("#follow-up");
            queued.sendKeys("Please never-mind");
            queued.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            browser.awaitText(UI, ".queue", "Please never-mind")
                    .findElement(By.cssSelector("button"))
                    .click();
            browser.await(UI, "the queue emptied", d -> browser.all(".queue").isEmpty());
            browser.find("body").sendKeys(Keys.ESCAPE);
            browser.awaitText(TURN, ".turn-cancelled", "Stopped");

            var followUp = browser.find("#follow-up");
            followUp.sendKeys("Please tell-story");
            followUp.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            browser.awaitText(TURN, ".assistant-text[data-streaming]", "Once upon a time");
            browser.driver().navigate().refresh();

            browser.awaitText(TURN, ".turn-completed", "Done");
            assertThat(browser.texts(".user-message .content"))
                    .containsExactly("Please stay-slow", "Please never-mind", "Please tell-story");
            assertThat(browser.texts(".assistant-text"))
                    .containsExactly("Thinking hard about it", "Once upon a time, the end.");
            assertThat(browser.texts(".turn-end > span:first-child"))
                    .containsExactly("■ Stopped", "■ Stopped: cancelled while queued", "✓ Done");
            assertThat(browser.all(".assistant-text[data-streaming]")).isEmpty();
            assertThat(browser.all("#connection")).as("online again").isEmpty();

            browser.size(390, 844);
            browser.await(UI, "the phone layout", d ->
                    (Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"));
            browser.screenshot("session-phone");
        }
    }

    @Test
    void aLostConnectionSaysOfflineThenCatchesUpWithWhatHappenedMeanwhileExactlyOnce() {
        system.llm().script("before-cut", Reply.text("First answer."));
        system.llm().script("during-cut", Reply.text("Answered while you were away."));
        var dave = system.newUser("Dave Dev", "dave", null);
        try (var network = TcpProxy.to(system.base().getPort());
                var browser = Browser.open(dir.resolve("dave"));
                var session = TestSession.open(system, dave, "acme/widgets")) {
            var via = "http://127.0.0.1:" + network.port();
            browser.signInWithToken(via + "/signin", dave.token(), "Dave Dev");
            session.awaitCompleted(session.prompt(dave, "Please before-cut"), TURN);
            browser.go(via + "/sessions/" + session.id());
            browser.awaitText(UI, ".assistant-text", "First answer.");

            network.cut();
            browser.awaitText(UI, "#connection", "Offline");
            session.awaitCompleted(session.prompt(dave, "Please during-cut"), TURN);
            network.restore();

            browser.await(
                    UI, "the page back online", d -> browser.all("#connection").isEmpty());
            browser.awaitText(UI, ".assistant-text", "Answered while you were away.");
            assertThat(browser.texts(".user-message .content"))
                    .containsExactly("Please before-cut", "Please during-cut");
            assertThat(browser.texts(".assistant-text"))
                    .containsExactly("First answer.", "Answered while you were away.");
            assertThat(browser.all(".turn-end")).hasSize(2);

            browser.find(".session-head button.link").click();
            var title = browser.find("#session-title");
            title.clear();
            title.sendKeys("Offline drill", Keys.ENTER);
            browser.awaitText(UI, ".session-head h1", "Offline drill");
            browser.awaitText(UI, ".session-head button.link", "Archive").click();
            browser.awaitText(UI, ".session-head .badge", "archived");
            assertThat(browser.find("#follow-up").isEnabled()).isFalse();
            browser.awaitText(UI, ".session-head button.link", "Unarchive").click();
            browser.awaitText(UI, ".session-head .badge", "idle");

            browser.go(via + "/");
            browser.awaitText(UI, ".segmented button", "All").click();
            browser.find("#session-search").sendKeys("offline");
            assertThat(browser.awaitText(UI, ".session-list li", "Offline drill")
                            .getText())
                    .contains("by Dave Dev");
        }
    }

    @Test
    void peopleManageTheirTokensAndAdminsSeeUsersAndModelsInSettings() {
        var erin = system.newUser("Erin Engineer", "erin", null);
        try (var browser = Browser.open(dir.resolve("erin"))) {
            browser.signInWithToken(url("/signin"), erin.token(), "Erin Engineer");
            browser.go(url("/settings"));
            browser.await(UI, "the token form", d -> browser.find("#token-name"))
                    .sendKeys("laptop script");
            browser.find("#token-name").sendKeys(Keys.ENTER);
            var minted = browser.awaitText(UI, "#minted-token", "cit_").getText();
            assertThat(erin.as(minted).get("/api/me").status()).isEqualTo(200);
            assertThat(browser.all("#users-heading")).as("admins only").isEmpty();

            browser.find("button[aria-label='Revoke laptop script']").click();
            browser.driver().switchTo().alert().accept();
            browser.awaitText(UI, "table.list", "revoked");
            assertThat(erin.as(minted).get("/api/me").status()).isEqualTo(401);

            browser.find(".me button").click();
            browser.signInWithToken(url("/signin"), LocalSystem.ADMIN_TOKEN, "Admin");
            browser.go(url("/settings"));
            browser.awaitText(UI, "section[aria-labelledby=users-heading]", "Erin Engineer");
            assertThat(browser.find("section[aria-labelledby=models-heading]").getText())
                    .contains("fake/m1", "fake/m2", "Scripted fake");
            assertThat(browser.accessibilityViolations())
                    .as("the settings page")
                    .isEmpty();
            browser.find(".me button").click();
            browser.await(UI, "the sign-in page", d -> browser.find("#token"));
            assertThat(browser.accessibilityViolations()).as("the sign-in page").isEmpty();
        }
    }

    @Test
    void theSidebarAndTheUsagePageShowWhatTheGatewayMeteredAsTheUsageApiReportsIt() {
        system.llm().script("count-the-cost", Reply.text("That cost a fraction of a cent."));
        var frank = system.newUser("Frank Fiscal", "frank", null);
        var frankId = frank.get("/api/me").text("id");
        try (var browser = Browser.open(dir.resolve("frank"));
                var session = TestSession.open(system, frank, "acme/widgets")) {
            session.awaitCompleted(session.prompt(frank, "Please count-the-cost"), TURN);
            var usage = "/api/sessions/" + session.id() + "/usage";
            await("the gateway's record of the turn")
                    .atMost(UI)
                    .until(() ->
                            frank.get(usage).json().path("total").path("calls").asLong() > 0);
            var repository = frank.get("/api/sessions/" + session.id()).text("repository");

            browser.signInWithToken(url("/signin"), frank.token(), "Frank Fiscal");
            browser.go(url("/sessions/" + session.id()));
            var sidebarCost = browser.await(UI, "the sidebar's cost as " + usage + " reports it", d -> {
                var shown =
                        browser.find("[data-testid=session-cost] .cost-amount").getText();
                return shown.equals(cost(frank.get(usage).json().get("total"))) ? shown : null;
            });
            assertThat(sidebarCost).isNotIn("$0.00", "unknown");

            browser.find("nav a[href='/usage']").click();
            var model = browser.await(
                    UI,
                    "the usage page's fake/m1 row",
                    d -> browser.find("[data-testid=usage-page] [data-testid=usage-by-model] tr[data-key='fake/m1']"));
            var today = LocalDate.now(ZoneOffset.UTC);
            var byModel = frank.get("/api/usage?groupBy=model&from=" + today.minusDays(29) + "&to=" + today)
                    .json();
            assertThat(browser.find("[data-testid=usage-total-cost] .cost-amount")
                            .getText())
                    .as("the total")
                    .isEqualTo(cost(byModel.get("total")));
            var reported = group(byModel, "fake/m1");
            assertThat(model.findElement(By.cssSelector("td")).getText())
                    .as("fake/m1's calls")
                    .isEqualTo(String.valueOf(reported.get("calls").asLong()));
            assertThat(model.findElement(By.cssSelector(".cost-amount")).getText())
                    .as("fake/m1's cost")
                    .isEqualTo(cost(reported))
                    .isNotIn("$0.00", "unknown");
            assertThat(browser.find("[data-testid=usage-by-user] tr[data-key='" + frankId + "']")
                            .getText())
                    .contains("Frank Fiscal");
            assertThat(browser.all("[data-testid=usage-by-repository] tr").stream()
                            .map(row -> row.getAttribute("data-key")))
                    .contains(repository);
            assertThat(browser.all("[data-testid=usage-chart] g[data-day]")).hasSize(30);
            assertThat(barHeight(browser, today)).as("today's bar").isPositive();
            assertThat(browser.all("[data-testid=usage-limits]"))
                    .as("admins only")
                    .isEmpty();
            assertThat(browser.accessibilityViolations()).as("the usage page").isEmpty();

            browser.awaitText(UI, ".usage-head button", "7 days").click();
            browser.await(
                    UI,
                    "the chart of the last 7 days",
                    d -> browser.all("[data-testid=usage-chart] g[data-day]").size() == 7);
            assertThat(barHeight(browser, today)).as("today's bar, 7 days").isPositive();

            browser.find(".me button").click();
            browser.signInWithToken(url("/signin"), LocalSystem.ADMIN_TOKEN, "Admin");
            browser.find("nav a[href='/usage']").click();
            browser.awaitText(UI, "[data-testid=usage-by-user] tr[data-key='" + frankId + "']", "Frank Fiscal");
            browser.awaitText(UI, "[data-testid=usage-limits]", "Monthly budget");
            browser.screenshot("usage-page");
        }
    }

    /** A group of a usage report, by key. */
    private static JsonNode group(JsonNode report, String key) {
        for (var group : report.get("groups")) {
            if (group.get("key").asString().equals(key)) {
                return group;
            }
        }
        throw new AssertionError("no group " + key + " in " + report);
    }

    /** The height of the chart's bar for {@code day}, 0 when it has none. */
    private static double barHeight(Browser browser, LocalDate day) {
        var bars = browser.all("[data-testid=usage-chart] g[data-day='" + day + "'] rect.bar");
        return bars.isEmpty() ? 0 : Double.parseDouble(bars.getFirst().getAttribute("height"));
    }

    /** A usage's {@code costUsd} as the web UI shows a known one. */
    private static String cost(JsonNode usage) {
        var costUsd = usage.get("costUsd");
        return costUsd.isNull() ? "unknown" : money(costUsd.asDouble());
    }

    /** USD as the web UI writes it ({@code money} in web-ui/src/app/format.ts). */
    private static String money(double usd) {
        if (usd == 0) {
            return "$0.00";
        }
        if (usd < 0) {
            return "-" + money(-usd);
        }
        if (usd < 0.0001) {
            return "<$0.0001";
        }
        var fixed = new BigDecimal(usd).setScale(4, RoundingMode.HALF_UP); // as JavaScript's toFixed(4)
        if (fixed.compareTo(BigDecimal.ONE) < 0) {
            var decimals = fixed.toPlainString().substring(2).replaceAll("0+$", "");
            return "$0." + (decimals + "00").substring(0, Math.max(2, decimals.length()));
        }
        var cents = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        cents.setRoundingMode(RoundingMode.HALF_UP); // as Intl.NumberFormat's halfExpand
        return "$" + cents.format(BigDecimal.valueOf(usd));
    }
}
