package io.codinspect.client;

import static io.codinspect.client.ServerShapes.ME;
import static io.codinspect.client.ServerShapes.MODELS;
import static io.codinspect.client.ServerShapes.PREFERENCES;
import static io.codinspect.client.ServerShapes.PROMPT;
import static io.codinspect.client.ServerShapes.PROMPT_ID;
import static io.codinspect.client.ServerShapes.PULL_REQUEST;
import static io.codinspect.client.ServerShapes.REPOS;
import static io.codinspect.client.ServerShapes.SESSION;
import static io.codinspect.client.ServerShapes.SESSION_ID;
import static io.codinspect.client.ServerShapes.SUBSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Each call's route, request body and reading of the server's answer. */
class CodInspectClientCallsTest {

    static final UUID SESSION_UUID = UUID.fromString(SESSION_ID);
    static final UUID PROMPT_UUID = UUID.fromString(PROMPT_ID);
    static final String SESSION_PATH = "/api/sessions/" + SESSION_ID;

    final FakeControlPlane server;
    final CodInspectClient client;

    CodInspectClientCallsTest() throws IOException {
        server = new FakeControlPlane();
        client = CodInspectClient.builder(URI.create(server.url() + "//"))
                .token("cib_token")
                .build()
                .onBehalfOf(UUID.fromString(ServerShapes.USER_ID));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsASessionAsTheServerWritesIt() {
        server.json("GET " + SESSION_PATH, 200, SESSION);

        var session = client.session(SESSION_UUID);

        assertThat(session.id()).isEqualTo(SESSION_UUID);
        assertThat(session.repository()).isNull();
        assertThat(session.createdAt()).isEqualTo(Instant.parse("2024-04-05T19:34:38.123456Z"));
        assertThat(session.botData().get("statusTs").asString()).isEqualTo("1712345679.000200");
        assertThat(session.webUrl()).endsWith("/sessions/" + SESSION_ID);
    }

    @Test
    void readsAStatusAddedLaterAsUnknown() {
        server.json("GET " + SESSION_PATH, 200, SESSION.replace("awaiting_repository", "hibernating"));

        assertThat(client.session(SESSION_UUID).status()).isEqualTo(SessionStatus.unknown);
    }

    @Test
    void patchesOnlyWhatChanges() {
        server.json("PATCH " + SESSION_PATH, 200, SESSION);

        client.chooseRepository(SESSION_UUID, "acme/shop", null);
        assertThat(server.last().body()).isEqualTo("{\"repository\":\"acme/shop\"}");
        client.chooseRepository(SESSION_UUID, "acme/shop", "develop");
        assertThat(server.last().body()).isEqualTo("{\"repository\":\"acme/shop\",\"baseBranch\":\"develop\"}");
        client.updateSessionBotData(
                SESSION_UUID, JsonNodeFactory.instance.objectNode().put("ts", "1.2"));
        assertThat(server.last().body()).isEqualTo("{\"botData\":{\"ts\":\"1.2\"}}");
        client.updateSessionBotData(SESSION_UUID, null);
        assertThat(server.last().body()).isEqualTo("{\"botData\":null}");
    }

    @Test
    void sendsAPromptWithItsSourceContextAndBotData() {
        server.json("POST " + SESSION_PATH + "/prompts", 202, PROMPT);
        var context = List.of(new NewPrompt.Context("Earlier messages", "ada: it fails", false));
        var botData = JsonNodeFactory.instance.objectNode().put("reaction", "eyes");

        var prompt = client.sendPrompt(
                SESSION_UUID,
                new NewPrompt(
                        "Fix it",
                        null,
                        null,
                        "slack:Ev0123",
                        PromptSource.slack,
                        "https://x.slack.com/p1",
                        context,
                        botData));

        assertThat(server.last().body()).isEqualTo("""
                {"content":"Fix it","clientRequestId":"slack:Ev0123","source":"slack","sourceUrl":"https://x.slack.com/p1",\
                "context":[{"title":"Earlier messages","content":"ada: it fails","trusted":false}],"botData":{"reaction":"eyes"}}""");
        assertThat(prompt.status()).isEqualTo(PromptStatus.queued);
        assertThat(prompt.author().email()).isEqualTo("ada@acme.com");
        assertThat(prompt.source()).isEqualTo(PromptSource.slack);
        assertThat(prompt.context())
                .singleElement()
                .extracting(NewPrompt.Context::trusted)
                .isEqualTo(false);
        assertThat(prompt.waiting()).isEqualTo("2 prompts already run for you");
    }

    @Test
    void listsReadsKeepsAndStopsPrompts() {
        server.json("GET " + SESSION_PATH + "/prompts", 200, "[" + PROMPT + "]")
                .json("GET " + SESSION_PATH + "/prompts/" + PROMPT_ID, 200, PROMPT)
                .json("PUT " + SESSION_PATH + "/prompts/" + PROMPT_ID + "/bot-data", 200, PROMPT)
                .json("POST " + SESSION_PATH + "/stop", 200, PROMPT.replace("queued", "running"));

        assertThat(client.prompts(SESSION_UUID)).hasSize(1);
        assertThat(client.prompt(SESSION_UUID, PROMPT_UUID).id()).isEqualTo(PROMPT_UUID);
        client.updatePromptBotData(
                SESSION_UUID, PROMPT_UUID, JsonNodeFactory.instance.objectNode().put("a", 1));
        assertThat(server.last().body()).isEqualTo("{\"a\":1}");
        assertThat(client.stop(SESSION_UUID).status()).isEqualTo(PromptStatus.running);
        assertThat(server.last().body()).isEmpty();
    }

    @Test
    void opensAndReadsThePullRequest() {
        server.json("POST " + SESSION_PATH + "/pull-request", 200, PULL_REQUEST);

        var opened = client.openPullRequest(SESSION_UUID, null);

        assertThat(server.last().body()).isEqualTo("{}");
        assertThat(opened)
                .isEqualTo(new PullRequest(
                        42, "https://github.com/acme/shop/pull/42", "draft", "codinspect/0d7b6c8e", "ada"));
        assertThat(client.pullRequest(SESSION_UUID)).isEmpty();
        server.json("GET " + SESSION_PATH + "/pull-request", 200, PULL_REQUEST);
        assertThat(client.pullRequest(SESSION_UUID)).contains(opened);
    }

    @Test
    void readsRepositoriesModelsAndThePerson() {
        server.json("GET /api/repos", 200, REPOS)
                .json("GET /api/models", 200, MODELS)
                .json("GET /api/me", 200, ME);

        assertThat(client.repositories()).containsExactly(new Repository("acme/shop", "acme", "shop", true, "develop"));
        assertThat(client.models()).singleElement().extracting(Model::isDefault).isEqualTo(true);
        assertThat(client.me().admin()).isTrue();
    }

    @Test
    void readsAndSavesPreferences() {
        server.json("GET /api/me/preferences", 200, PREFERENCES).json("PUT /api/me/preferences", 200, PREFERENCES);

        var preferences = client.preferences();
        client.savePreferences(new Preferences(null, "high", Map.of()));

        assertThat(preferences.baseBranchFor("acme/shop")).isEqualTo("develop");
        assertThat(server.last().body()).isEqualTo("{\"reasoningEffort\":\"high\",\"baseBranches\":{}}");
    }

    @Test
    void subscribesListsAndUnsubscribesWithoutTheOnBehalfHeader() {
        server.json("POST /api/bot/subscriptions", 201, SUBSCRIPTION)
                .json(
                        "GET /api/bot/subscriptions",
                        200,
                        "[" + SUBSCRIPTION.replace("\"whsec_s3cr3tS3cr3t\"", "null") + "]")
                .raw(
                        "DELETE /api/bot/subscriptions/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
                        204,
                        "application/json",
                        "",
                        false);

        var subscription = client.subscribe(
                URI.create("https://slack-bot.internal/notifications"), Set.of(Notification.PROMPT_FINISHED));
        assertThat(server.last().body())
                .contains("\"url\":\"https://slack-bot.internal/notifications\"", "\"kinds\":[\"prompt.finished\"]");
        var listed = client.subscriptions();
        client.unsubscribe(subscription.id());

        assertThat(subscription.secret()).isEqualTo("whsec_s3cr3tS3cr3t");
        assertThat(subscription.toString()).doesNotContain("whsec_");
        assertThat(subscription.kinds()).containsExactlyInAnyOrder("prompt.finished", "prompt.started");
        assertThat(listed).singleElement().extracting(Subscription::secret).isNull();
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header(Transport.ON_BEHALF_OF)).isNull());
        assertThat(server.last().method()).isEqualTo("DELETE");
    }
}
