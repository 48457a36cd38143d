package io.codinspect.systemtest;

import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.net.TcpProxy;
import io.codinspect.testkit.slack.FakeSlack;
import io.codinspect.testkit.slack.SlackDeliveries;
import io.codinspect.testkit.slack.SlackDelivery;
import io.codinspect.testkit.slack.SlackMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The Slack bot's world for system tests: the real control plane (with the fake GitHub's App and
 * the fake LLM), the real Slack bot in its own process reaching the control plane through a proxy
 * that can be cut, and the fake Slack. Channel {@link #channel} works in the local {@link #origin};
 * other channels name no repository.
 */
final class SlackSystem implements AutoCloseable {

    static final Duration TURN = Duration.ofSeconds(120);

    final FakeGitHub github;
    final FakeSlack slack;
    final LocalSystem system;
    final TcpProxy network;
    final SlackBotProcess bot;
    final SlackDeliveries deliver;
    final GitRepo origin;
    final String channel;

    private SlackSystem(Path dir) {
        github = FakeGitHub.start(dir.resolve("github"));
        github.createRepo("acme", "widgets", true);
        github.createRepo("acme", "gadgets", true);
        slack = FakeSlack.start();
        system = LocalSystem.startWithGitHub(
                dir,
                github,
                Map.of(
                        "codinspect.bots.enabled", "slack",
                        "codinspect.github.sign-in.allowed-email-domains", "acme.com",
                        "codinspect.notifications.first-backoff", "1s",
                        // every test starts sessions of its own; idle ones keep their sandbox
                        "codinspect.sandbox.max-active", "16"));
        origin = GitRepo.create(dir.resolve("origin"));
        channel = slack.addChannel("dev");
        network = TcpProxy.to(system.base().getPort());
        bot = SlackBotProcess.start(
                slack,
                URI.create("http://127.0.0.1:" + network.port()),
                dir.resolve("data/bots/slack.token"),
                Path.of("target", "slack-bot.log"),
                Map.of("CODINSPECT_SLACK_CHANNEL_REPOSITORIES", channel + "=" + origin.dir()));
        deliver = slack.sendTo(bot.eventsUrl());
    }

    static SlackSystem start(Path dir) {
        return new SlackSystem(dir);
    }

    /** The bot's first message in the thread that contains {@code text}, once there is one. */
    SlackMessage awaitReply(String channel, String ts, String text) {
        return awaitMessage(channel, ts, m -> m.visibleText().contains(text));
    }

    SlackMessage awaitMessage(String channel, String ts, Predicate<SlackMessage> wanted) {
        return await().atMost(TURN)
                .until(
                        () -> slack.botReplies(channel, ts).stream()
                                .filter(wanted)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The session's prompts, oldest first, as the admin sees them. */
    JsonNode prompts(String sessionId) {
        return system.admin().get("/api/sessions/" + sessionId + "/prompts").json();
    }

    /** The session of the thread whose root is {@code ts}, as the admin sees it. */
    Optional<JsonNode> sessionOf(String channel, String ts) {
        var key = "slack:" + slack.teamId() + "/" + channel + "/" + ts;
        var found = system.admin()
                .get("/api/sessions/lookup?externalKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        return found.status() == 200 ? Optional.of(found.json()) : Optional.empty();
    }

    /** The bot's answer to a notification signed with a secret that is not its subscription's. */
    int forgedNotification() throws Exception {
        var id = "00000000-0000-0000-0000-000000000001";
        var request = HttpRequest.newBuilder(bot.url("/codinspect/notifications"))
                .header("Content-Type", "application/json")
                .header("CodInspect-Delivery", id)
                .header("CodInspect-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("CodInspect-Signature", "v1=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"deliveryId\":\"" + id + "\",\"kind\":\"prompt.finished\"}"))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    static String tsOf(SlackDelivery delivery) {
        return delivery.sentJson().path("event").path("ts").asString();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {bot, network, system, slack, github}) {
            if (part != null) {
                part.close();
            }
        }
    }
}
