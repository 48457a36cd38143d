package io.codinspect.supervisor.runner;

import io.codinspect.supervisor.boundary.RunnerProtocol;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner: the main program of a Kubernetes sandbox pod's {@code agent} container, started as
 * {@code java -jar supervisor.jar runner}. The supervisor, in its own container with the pod's
 * Secret, has it start and restart OpenCode and run the repository's hooks and every git command
 * in the clone ({@link io.codinspect.supervisor.boundary.RunnerBoundary}), so that nothing on the
 * agent's side ever runs in a container that holds the sandbox token or the supervisor's files.
 *
 * <p>It listens on {@code 127.0.0.1:CODINSPECT_RUNNER_PORT} (7070) without any key, because it
 * grants nothing the agent does not already have: everything that can reach the pod's loopback is
 * the agent's own code in the same pod, which can already start any program as the same user in
 * this container. It holds no secret; the supervisor never sends one (its commands and
 * environments are the agent's already).
 *
 * <p>Kubernetes sends SIGTERM to both containers at once when the pod is deleted, yet the
 * supervisor still needs git to commit and push the running turn's work. So on SIGTERM the runner
 * keeps serving — and leaves the programs it launched running — until the supervisor says it is
 * done ({@code POST /exit}) or {@code CODINSPECT_STOP_GRACE_SECONDS} (30) plus a margin have
 * passed. Exit codes: 0 after {@code /exit}, 64 for a bad environment, 1 if it cannot listen.
 */
public final class RunnerMain {

    static {
        // as the supervisor's: logs to standard error, the container's log
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-supervisor.xml");
        }
    }

    /** Kept after the stop grace period for the supervisor's last call; the pod's own grace is longer. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RunnerMain.class);

    private RunnerMain() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    static int run(Map<String, String> env) {
        int port;
        Duration grace;
        try {
            port = number(env, "CODINSPECT_RUNNER_PORT", RunnerProtocol.DEFAULT_PORT);
            grace = Duration.ofSeconds(number(env, "CODINSPECT_STOP_GRACE_SECONDS", 30));
        } catch (IllegalArgumentException e) {
            log.error("Cannot start: {}", e.getMessage());
            return 64;
        }
        // read by the JDK's HTTP server when the first one is made
        System.setProperty("sun.net.httpserver.maxConnections", Integer.toString(RunnerProtocol.MAX_CONNECTIONS));
        System.setProperty("sun.net.httpserver.maxReqTime", "30");
        Runner runner;
        try {
            runner = Runner.start(port, env);
        } catch (IOException e) {
            log.error("Cannot listen on 127.0.0.1:{}: {}", port, e.toString());
            return 1;
        }
        log.info("Runner listening on 127.0.0.1:{}", runner.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> terminated(runner, grace), "sigterm"));
        try {
            runner.awaitDone(Duration.ofDays(365));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
        log.info("Runner exiting");
        return 0;
    }

    /** SIGTERM: serve on until the supervisor is done, or the grace period is over. */
    private static void terminated(Runner runner, Duration grace) {
        if (runner.finished()) {
            return; // an ordinary exit after POST /exit
        }
        log.info(
                "SIGTERM: serving the supervisor until it is done, at most {} s",
                grace.plus(MARGIN).toSeconds());
        try {
            if (!runner.awaitDone(grace.plus(MARGIN))) {
                log.warn("The supervisor did not say it was done within the stop grace period; exiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
    }

    private static int number(Map<String, String> env, String name, int defaultValue) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            var number = Integer.parseInt(value.strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
