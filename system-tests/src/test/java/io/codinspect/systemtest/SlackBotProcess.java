package io.codinspect.systemtest;

import static org.awaitility.Awaitility.await;

import io.codinspect.testkit.slack.FakeSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Slack bot, {@code slack-bot/target/slack-bot-exec.jar}, as its own process, pointed at
 * the fake Slack and at a control plane; it can be killed and started again on the same port.
 */
final class SlackBotProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    private SlackBotProcess(Map<String, String> environment, Path log, int port) {
        this.environment = environment;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the bot for {@code slack}, calling the control plane at {@code controlPlane} with the
     * service-account token the control plane wrote to {@code tokenFile}.
     */
    static SlackBotProcess start(
            FakeSlack slack, URI controlPlane, Path tokenFile, Path log, Map<String, String> more) {
        var port = freePort();
        var env = new HashMap<String, String>();
        env.put("SLACK_BOT_TOKEN", slack.botToken());
        env.put("SLACK_SIGNING_SECRET", slack.signingSecret());
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("SLACK_BOT_PORT", Integer.toString(port));
        env.put("CODINSPECT_URL", controlPlane.toString().replaceAll("/$", ""));
        env.put("CODINSPECT_BOT_TOKEN_FILE", tokenFile.toString());
        env.putAll(more);
        var bot = new SlackBotProcess(env, log, port);
        bot.start();
        return bot;
    }

    void start() {
        var builder = new ProcessBuilder(
                        "java", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("codinspect.slack-bot-jar"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the Slack bot exited; see " + log);
                    }
                    return healthy();
                });
    }

    /** Kills the bot at once, as a crash or a lost node would. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI eventsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private boolean healthy() {
        try {
            var answer = HTTP.send(
                    HttpRequest.newBuilder(url("/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
