package io.codinspect.bench.chaos;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.TestPostgres;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.net.TcpProxy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fault-injection run of the whole system on this machine: the real control plane (its own
 * process, restarted on the same port and database), real supervisors and OpenCode on local
 * sandboxes, a scripted fake model, and {@code sessions} sessions driven at once while
 * {@link Faults} injects bridge cuts and stalls, watcher drops, supervisor kills, control-plane
 * restarts and database drops. Its {@link Verdict} counts what was lost.
 *
 * @param duration how long faults are injected
 * @param gap the mean pause between faults
 * @param restartEvery the least time between two control-plane restarts
 * @param stopGrace the sandboxes' stop grace ({@code codinspect.sandbox.stop-grace})
 * @param heartbeatInterval the supervisors' heartbeat interval
 *     ({@code codinspect.sandbox.local.heartbeat-interval}; null for its default); three without an
 *     answer end a stalled connection
 */
public record ChaosRun(
        Path root,
        Path dir,
        int sessions,
        Duration duration,
        Duration gap,
        Duration restartEvery,
        Duration stopGrace,
        Duration heartbeatInterval,
        long seed) {

    /** The checkpoint window of the run's sandboxes (a write older than this before a kill must survive). */
    static final Duration CHECKPOINT_WINDOW = Duration.ofSeconds(30);

    static final String TOKEN = "cit_chaos-run-admin-token-0123456789abcdefghijklmn";

    /** How long the sessions have, after the faults, to end what they run; longer counts as stuck. */
    static final Duration SETTLE = Duration.ofMinutes(3);

    /** How long the probe prompts have. */
    static final Duration PROBE_PATIENCE = Duration.ofMinutes(2);

    /** What the run did and what it cost. */
    public record Report(
            Map<Fault, Integer> faults,
            Verdict verdict,
            Duration took,
            Map<String, Duration> phases,
            int controlPlaneStarts,
            int controlPlaneFailedStarts) {

        public boolean clean() {
            return verdict.clean();
        }

        public int faultCount() {
            return faults.values().stream().mapToInt(Integer::intValue).sum();
        }

        public void print(PrintStream out) {
            out.printf("chaos: %d faults in %d s (%s)%n", faultCount(), took.toSeconds(), faults);
            out.printf(
                    "chaos: took %s%n",
                    phases.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().toMillis() / 1000.0 + " s")
                            .collect(java.util.stream.Collectors.joining(", ")));
            out.printf(
                    "chaos: control plane started %d times (%d start-ups failed and were retried)%n",
                    controlPlaneStarts, controlPlaneFailedStarts);
            out.printf(
                    "chaos: prompts run %d (completed %d, failed %d, cancelled %d)%n",
                    verdict.prompts(), verdict.completed(), verdict.failed(), verdict.cancelled());
            out.printf("chaos: events lost %d%n", verdict.eventsLost());
            out.printf("chaos: events duplicated %d%n", verdict.eventsDuplicated());
            out.printf(
                    "chaos: agent writes missing from the branch %d (spared by the checkpoint window: %d)%n",
                    verdict.writesMissing(), verdict.writesSparedByTheWindow());
            out.printf("chaos: sessions left stuck %d%n", verdict.sessionsStuck());
            verdict.details().stream().limit(50).forEach(d -> out.println("chaos:   " + d));
            out.println(clean() ? "chaos: CLEAN" : "chaos: NOT CLEAN");
        }
    }

    public Report run() throws Exception {
        var started = System.nanoTime();
        Files.createDirectories(dir);
        var databaseUrl = TestPostgres.newDatabase();
        var port = freePort();
        try (var llm = FakeLlm.start(0);
                var bridge = TcpProxy.to(port)) {
            var settings = new HashMap<String, String>();
            settings.put("spring.datasource.url", databaseUrl);
            settings.put("spring.datasource.username", "postgres");
            settings.put("codinspect.data-dir", dir.resolve("data").toString());
            settings.put("codinspect.bootstrap.token", TOKEN);
            settings.put("codinspect.sandbox.provider", "local");
            settings.put("codinspect.sandbox.bridge-url", "ws://127.0.0.1:" + bridge.port() + "/bridge");
            settings.put(
                    "codinspect.sandbox.local.supervisor-jar",
                    root.resolve("sandbox-supervisor/target/sandbox-supervisor-exec.jar")
                            .toString());
            settings.put(
                    "codinspect.sandbox.local.opencode-binary",
                    root.resolve("tools/opencode/node_modules/opencode-linux-x64/bin/opencode")
                            .toString());
            settings.put("codinspect.sandbox.local.keep-workspaces", "true");
            settings.put("codinspect.sandbox.local.checkpoint-interval", CHECKPOINT_WINDOW.toSeconds() + "s");
            settings.put("codinspect.sandbox.stop-grace", stopGrace.toSeconds() + "s");
            if (heartbeatInterval != null) {
                settings.put("codinspect.sandbox.local.heartbeat-interval", heartbeatInterval.toSeconds() + "s");
            }
            settings.put("codinspect.models.providers.fake.type", "openai-compatible");
            settings.put("codinspect.models.providers.fake.base-url", llm.baseUrl());
            settings.put("codinspect.models.providers.fake.api-key", "sk-chaos");
            settings.put("codinspect.models.providers.fake.models[0]", "m1");
            settings.put("codinspect.models.default-model", "fake/m1");
            settings.put("logging.level.io.codinspect", "INFO");
            var phases = new LinkedHashMap<String, Duration>();
            var phase = new long[] {System.nanoTime()};
            Consumer<String> ended = name -> {
                var now = System.nanoTime();
                phases.put(name, Duration.ofNanos(now - phase[0]));
                phase[0] = now;
            };
            try (var controlPlane = new ControlPlaneProcess(root, dir.resolve("control-plane.log"), port, settings)) {
                controlPlane.start();
                ended.accept("start");
                var api = new ApiClient(controlPlane.base(), TOKEN);
                var drivers = new ArrayList<SessionDriver>();
                for (var i = 0; i < sessions; i++) {
                    drivers.add(new SessionDriver("s" + i, api, llm, dir.resolve("origin-" + i), seed + i));
                }
                drivers.forEach(SessionDriver::start);
                var faults = new Faults(
                        seed, bridge, controlPlane, drivers, dir.resolve("data/sandboxes"), databaseUrl, restartEvery);
                faults.run(System.nanoTime() + duration.toNanos(), gap);
                faults.awaitRestarts();
                ended.accept("faults");
                bridge.restore();
                bridge.resume();
                drivers.forEach(SessionDriver::stop);
                var settleBy = System.nanoTime() + SETTLE.toNanos(); // one deadline for all, not one each
                for (var driver : drivers) {
                    driver.awaitIdle(settleBy);
                }
                ended.accept("settling");
                var probed = new java.util.concurrent.ConcurrentHashMap<SessionDriver, Boolean>();
                var probing = drivers.stream()
                        .map(d -> Thread.ofVirtual().start(() -> probed.put(d, !d.stuck() && d.probe())))
                        .toList();
                var probeBy = System.nanoTime() + PROBE_PATIENCE.toNanos();
                for (var thread : probing) {
                    thread.join(Duration.ofNanos(Math.max(1, probeBy - System.nanoTime())));
                }
                var probes =
                        drivers.stream().map(d -> probed.getOrDefault(d, false)).toList();
                ended.accept("probing");
                var verdict = Verdict.of(drivers, probes, api, llm, faults.injected(), CHECKPOINT_WINDOW);
                ended.accept("verdict");
                drivers.forEach(SessionDriver::close);
                return new Report(
                        faults.counts(),
                        verdict,
                        Duration.ofNanos(System.nanoTime() - started),
                        phases,
                        controlPlane.starts(),
                        controlPlane.failedStarts());
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where the build is: the folder holding {@code control-plane/target} and {@code tools/opencode}. */
    public static Path findRoot() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("control-plane/target/control-plane-exec.jar"))) {
                return dir;
            }
        }
        throw new IllegalStateException("build CodInspect first: no control-plane/target/control-plane-exec.jar here");
    }
}
