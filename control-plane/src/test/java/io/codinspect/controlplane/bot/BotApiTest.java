package io.codinspect.controlplane.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.testkit.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service accounts acting for people, identities, external keys, bot data, awaiting sessions, sources. */
class BotApiTest {

    private static final String SLACK_TOKEN = "cib_test-slack-token-0123456789abcdefghijklmnop";

    @TempDir
    static Path dataDir;

    private static RunningControlPlane controlPlane;
    private static ApiClient slack;

    @BeforeAll
    static void start() {
        controlPlane = RunningControlPlane.start(Map.of(
                "codinspect.bots.enabled",
                "slack,github",
                "codinspect.bots.tokens.slack",
                SLACK_TOKEN,
                "codinspect.data-dir",
                dataDir.toString(),
                "codinspect.github.sign-in.allowed-email-domains",
                "acme.com"));
        slack = controlPlane.admin().as(SLACK_TOKEN);
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
    }

    @Test
    void aBotWithoutAPersonReachesOnlyItsOwnEndpoints() {
        var answer = slack.get("/api/sessions");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text("detail")).contains("acts only for people");
        assertThat(controlPlane
                        .admin()
                        .post("/api/bot/identities/resolve", claim("T1/U0", "x@acme.com"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aBotWithoutAConfiguredTokenGetsOneInTheDataDirectoryReadableOnlyByItsOwner() throws Exception {
        var file = dataDir.resolve("bots/github.token");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var github = controlPlane.admin().as(Files.readString(file).trim());
        assertThat(github.post("/api/bot/identities/resolve", claim("1234", "octo@acme.com"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anIdentityLinksToTheUserWithItsConfirmedEmailThenStaysLinked() {
        var ada = controlPlane
                .admin()
                .post("/api/users", Map.of("name", "Ada", "email", "ada@example.org", "login", "ada"))
                .text("id");

        var first = slack.post("/api/bot/identities/resolve", claim("T1/UADA", "ADA@example.org"));
        var again = slack.post("/api/bot/identities/resolve", claim("T1/UADA", "changed@elsewhere.org"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("userId")).isEqualTo(ada);
        assertThat(first.json().get("linked").asBoolean()).isTrue();
        assertThat(first.json().get("created").asBoolean()).isFalse();
        assertThat(again.text("userId")).isEqualTo(ada);
        assertThat(again.json().get("linked").asBoolean()).isFalse();
    }

    @Test
    void aNewPersonIsCreatedOnlyWhenTheAdmissionRulesLetThemIn() {
        var admitted = slack.post("/api/bot/identities/resolve", claim("T1/UNEW", "newcomer@acme.com"));
        var stranger = slack.post("/api/bot/identities/resolve", claim("T1/USTR", "stranger@evil.example"));
        var unconfirmed = slack.post(
                "/api/bot/identities/resolve",
                Map.of("externalId", "T1/UUNC", "email", "someone@acme.com", "emailVerified", false));
        var guest = slack.post(
                "/api/bot/identities/resolve",
                Map.of("externalId", "T1/UGST", "email", "g@acme.com", "emailVerified", true, "guest", true));

        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.json().get("created").asBoolean()).isTrue();
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.text("title")).isEqualTo("Not admitted");
        assertThat(stranger.text("detail")).contains("not allowed");
        assertThat(unconfirmed.status()).isEqualTo(403);
        assertThat(guest.status()).isEqualTo(403);
        assertThat(guest.text("detail")).contains("Guests");
    }

    @Test
    void aBotActsOnlyForPeopleItResolved() {
        var bob = controlPlane
                .admin()
                .post("/api/users", Map.of("name", "Bob", "email", "bob@example.org", "login", "bob-" + unique()))
                .text("id");

        var answer = slack.onBehalfOf(bob).get("/api/me");
        var malformed = slack.onBehalfOf("not-a-uuid").get("/api/me");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void aSessionWithAnExternalKeyIsMadeOnceAndItsPromptIsAttributedToThePerson() {
        var person = person("T1/UKEY", "keyholder@acme.com");
        var request = Map.of(
                "repository",
                "https://example.com/r.git",
                "externalKey",
                "slack:T1/C1/111.222",
                "botData",
                Map.of("statusTs", "111.333"),
                "prompt",
                Map.of(
                        "content", "Fix the flaky test",
                        "clientRequestId", "slack:T1/C1/111.222",
                        "source", "api",
                        "sourceUrl", "https://fake-slack.example/archives/C1/p111222",
                        "context",
                                List.of(Map.of(
                                        "title",
                                        "Earlier messages",
                                        "content",
                                        "it fails on Mondays",
                                        "trusted",
                                        false))));

        var first = person.post("/api/sessions", request);
        var retry = person.post("/api/sessions", request);
        var id = first.text("id");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("id")).isEqualTo(id);
        assertThat(first.json().get("botData").get("statusTs").asString()).isEqualTo("111.333");
        assertThat(first.text("createdVia")).isEqualTo("slack");
        assertThat(first.text("webUrl")).endsWith("/sessions/" + id);
        assertThat(person.get("/api/sessions/lookup?externalKey=slack:T1/C1/111.222")
                        .text("id"))
                .isEqualTo(id);
        assertThat(controlPlane
                        .admin()
                        .get("/api/sessions/" + id)
                        .json()
                        .get("botData")
                        .isNull())
                .isTrue();
        var prompts =
                controlPlane.admin().get("/api/sessions/" + id + "/prompts").json();
        assertThat(prompts.size()).isEqualTo(1);
        var prompt = prompts.get(0);
        assertThat(prompt.get("author").get("email").asString()).isEqualTo("keyholder@acme.com");
        assertThat(prompt.get("source").asString()).isEqualTo("slack");
        assertThat(prompt.get("context").get(0).get("trusted").asBoolean()).isFalse();
        var message = controlPlane
                .admin()
                .get("/api/sessions/" + id + "/events")
                .json()
                .get("events")
                .get(0);
        assertThat(message.get("type").asString()).isEqualTo("user.message");
        assertThat(message.get("source").asString()).isEqualTo("slack");
        assertThat(message.get("sourceUrl").asString()).contains("fake-slack.example");
    }

    @Test
    void keysAndSourcesOfBotsAreTheirsAlone() {
        var alice = controlPlane.newUser("Alice", "alice-" + unique());

        var takenKey = alice.post(
                "/api/sessions", Map.of("repository", "https://example.com/r.git", "externalKey", "slack:T1/C9/1.2"));
        var session = alice.post("/api/sessions", Map.of("repository", "https://example.com/r.git"))
                .text("id");
        var fakeSource =
                alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "hi", "source", "slack"));
        var botData = alice.patch("/api/sessions/" + session, Map.of("botData", Map.of("a", 1)));

        assertThat(takenKey.status()).isEqualTo(400);
        assertThat(fakeSource.status()).isEqualTo(400);
        assertThat(botData.status()).isEqualTo(403);
        var web = alice.post("/api/sessions/" + session + "/prompts", Map.of("content", "hi", "source", "web"));
        assertThat(web.text("source")).isEqualTo("web");
    }

    @Test
    void botDataOver4KiBIsRefusedAndChangesNothing() {
        var person = person("T1/UBIG", "big@acme.com");
        var key = "slack:T1/C1/big";

        var answer = person.post(
                "/api/sessions",
                Map.of(
                        "repository",
                        "https://example.com/r.git",
                        "externalKey",
                        key,
                        "botData",
                        Map.of("x", "y".repeat(4100))));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(person.get("/api/sessions/lookup?externalKey=" + key).status())
                .isEqualTo(404);
    }

    @Test
    void aSessionAwaitingItsRepositoryHoldsItsPromptUntilOneIsChosen() {
        var person = person("T1/UWAIT", "waiter@acme.com");

        var created = person.post(
                "/api/sessions", Map.of("externalKey", "slack:T1/C1/wait", "prompt", Map.of("content", "Do it")));
        var id = created.text("id");

        assertThat(created.text("status")).isEqualTo("awaiting_repository");
        assertThat(controlPlane.sandboxes().of(UUID.fromString(id))).isEmpty();
        var chosen = person.patch("/api/sessions/" + id, Map.of("repository", "https://example.com/r.git"));
        assertThat(chosen.text("status")).isEqualTo("created");
        assertThat(chosen.text("baseBranch")).isEqualTo("main");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !controlPlane.sandboxes().of(UUID.fromString(id)).isEmpty());
        assertThat(person.patch("/api/sessions/" + id, Map.of("repository", "https://example.com/other.git"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void preferencesGiveNewSessionsTheirModelAndBaseBranch() {
        var carol = controlPlane.newUser("Carol", "carol-" + unique());
        var models = controlPlane.admin().get("/api/models").json();
        var model = models.isEmpty() ? null : models.get(0).get("id").asString();

        var unknown = carol.put("/api/me/preferences", Map.of("model", "nope/none"));
        var saved = carol.put(
                "/api/me/preferences",
                model == null
                        ? Map.of(
                                "reasoningEffort",
                                "high",
                                "baseBranches",
                                Map.of("https://example.com/r.git", "develop"))
                        : Map.of(
                                "model",
                                model,
                                "reasoningEffort",
                                "high",
                                "baseBranches",
                                Map.of("https://example.com/r.git", "develop")));
        var session = carol.post("/api/sessions", Map.of("repository", "https://example.com/r.git"));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(carol.get("/api/me/preferences")
                        .json()
                        .get("reasoningEffort")
                        .asString())
                .isEqualTo("high");
        assertThat(session.text("baseBranch")).isEqualTo("develop");
        assertThat(session.text("reasoningEffort")).isEqualTo("high");
    }

    @Test
    void adminsCreateAndRotateServiceAccountsWhoseOldTokenThenStopsWorking() {
        var created = controlPlane.admin().post("/api/service-accounts", Map.of("name", "linear"));
        var token = created.text("token");
        var bot = controlPlane.admin().as(token);
        assertThat(bot.post("/api/bot/identities/resolve", claim("L1", "l@acme.com"))
                        .status())
                .isEqualTo(200);

        var rotated = controlPlane.admin().post("/api/service-accounts/" + created.text("id") + "/token", null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(bot.post("/api/bot/identities/resolve", claim("L1", "l@acme.com"))
                        .status())
                .isEqualTo(401);
        assertThat(controlPlane
                        .admin()
                        .as(rotated.text("token"))
                        .post("/api/bot/identities/resolve", claim("L1", "l@acme.com"))
                        .status())
                .isEqualTo(200);
        assertThat(controlPlane.admin().get("/api/service-accounts").body()).doesNotContain(rotated.text("token"));
        var user = controlPlane.newUser("Dan", "dan-" + unique());
        assertThat(user.get("/api/service-accounts").status()).isEqualTo(403);
        assertThat(controlPlane
                        .admin()
                        .post("/api/service-accounts", Map.of("name", "linear"))
                        .status())
                .isEqualTo(409);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static ApiClient person(String externalId, String email) {
        var resolved = slack.post("/api/bot/identities/resolve", claim(externalId, email));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return slack.onBehalfOf(resolved.text("userId"));
    }

    private static Map<String, Object> claim(String externalId, String email) {
        return Map.of("externalId", externalId, "email", email, "emailVerified", true, "name", "Someone");
    }
}
