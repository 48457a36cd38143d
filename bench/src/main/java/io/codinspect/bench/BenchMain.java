package io.codinspect.bench;

import io.codinspect.controlplane.CodinspectApplication;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.testkit.ApiClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Drives simulated sandboxes and WebSocket watchers against a running control plane (started here
 * on a fresh database of an embedded PostgreSQL, with durability off: see {@link BenchDatabase})
 * and prints what it measured. See {@code docs/performance.md}.
 *
 * <p>Options (defaults in brackets): {@code --sessions=200 --watchers=10 --events=1000
 * --latency-sessions=50 --latency-rate=2000 --latency-seconds=10}.
 */
public final class BenchMain {

    private static final String TOKEN = "cit_bench-admin-token-0123456789abcdefghijklmnopqrs";
    private static final String FILLER = "x".repeat(160);

    private record Session(UUID id, String promptId, BenchSandbox sandbox, List<BenchWatcher> watchers) {}

    private final Map<String, Integer> options;
    private final BenchSandboxes sandboxes = new BenchSandboxes();
    private ApiClient api;
    private int port;

    private BenchMain(Map<String, Integer> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<>(Map.of(
                "sessions", 200,
                "watchers", 10,
                "events", 1000,
                "latency-sessions", 50,
                "latency-rate", 2000,
                "latency-seconds", 10));
        for (var arg : args) {
            var kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        new BenchMain(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        var jdbc = BenchDatabase.newDatabase();
        var context = new SpringApplicationBuilder(CodinspectApplication.class)
                .initializers(
                        ctx -> ((GenericApplicationContext) ctx).registerBean(SandboxProvider.class, () -> sandboxes))
                .run(
                        "--server.port=0",
                        "--codinspect.sandbox.egress.port=0", // beside a running ./codinspect up
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + jdbc,
                        "--spring.datasource.username=postgres",
                        "--codinspect.bootstrap.token=" + TOKEN,
                        "--codinspect.sandbox.heartbeat-timeout=1h",
                        "--codinspect.sandbox.provider=" + sandboxes.name(),
                        // every benchmark session holds a (simulated) sandbox at once
                        "--codinspect.sandbox.max-active=100000",
                        "--logging.level.root=WARN");
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        api = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN);

        int sessions = options.get("sessions");
        int watchers = options.get("watchers");
        int events = options.get("events");
        System.out.printf(
                "CodInspect event benchmark, %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println(BenchDatabase.durability(jdbc));

        var payload = "{\"promptId\":\"" + UUID.randomUUID() + "\",\"partId\":\"p1\",\"text\":\"t=123456789;" + FILLER
                + "\"}";
        double raw = RawInsertBaseline.run(jdbc, sessions * events, sessions, payload);
        System.out.printf(
                "raw baseline:  %,.0f rows/s (JDBC batched inserts of %,d equivalent rows)%n", raw, sessions * events);

        throughput(sessions, watchers, events, raw);
        System.gc(); // start the latency phase without the throughput phase's garbage
        latency(options.get("latency-sessions"), watchers, options.get("latency-rate"), options.get("latency-seconds"));
        context.close();
    }

    private void throughput(int sessionCount, int watchersEach, int events, double raw) throws Exception {
        var latencies = new Histogram(1_000_000);
        var sessions = setUp(sessionCount, watchersEach, latencies);
        latencies.clear();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var s : sessions) {
                pool.submit(() -> {
                    for (int i = 0; i < events; i++) {
                        s.sandbox().emit(s.promptId(), FILLER);
                    }
                });
            }
        }
        waitFor(() -> sessions.stream().allMatch(s -> s.sandbox().acked() >= events), 600);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        waitFor(() -> sessions.stream().allMatch(s -> s.watchers().stream().allMatch(w -> w.events() >= events)), 600);
        double deliverSeconds = (System.nanoTime() - start) / 1e9;
        long total = (long) sessionCount * events;
        double rate = total / ingestSeconds;
        System.out.printf("throughput:    %d sessions x %d watchers, %,d events%n", sessionCount, watchersEach, total);
        System.out.printf("  ingested:    %,.0f events/s (stored and acknowledged) = %.2f x raw%n", rate, rate / raw);
        System.out.printf(
                "  delivered:   %,.0f events/s to watchers (%,d deliveries in %.1f s)%n",
                total * watchersEach / deliverSeconds, total * watchersEach, deliverSeconds);
        System.out.printf(
                "  latency at full load: p50 %.1f ms, p99 %.1f ms%n", latencies.millis(0.5), latencies.millis(0.99));
        System.out.printf(
                "  targets: >= 20,000 events/s %s; >= 0.5 x raw %s%n",
                rate >= 20_000 ? "MET" : "NOT MET", rate >= 0.5 * raw ? "MET" : "NOT MET");
        tearDown(sessions);
    }

    private void latency(int sessionCount, int watchersEach, int rate, int seconds) throws Exception {
        var latencies = new Histogram(1_000_000);
        var sessions = setUp(sessionCount, watchersEach, latencies);
        latencies.clear();
        int tickMillis = 10;
        double perTick = rate * tickMillis / 1000.0;
        var timer = Executors.newSingleThreadScheduledExecutor();
        var sent = new long[1];
        var carry = new double[1];
        var task = timer.scheduleAtFixedRate(
                () -> {
                    carry[0] += perTick;
                    while (carry[0] >= 1) {
                        var s = sessions.get((int) (sent[0]++ % sessions.size()));
                        s.sandbox().emit(s.promptId(), FILLER);
                        carry[0] -= 1;
                    }
                },
                0,
                tickMillis,
                TimeUnit.MILLISECONDS);
        timer.schedule(() -> task.cancel(false), seconds, TimeUnit.SECONDS).get();
        timer.shutdown();
        long expected = sent[0] * watchersEach;
        waitFor(() -> latencies.count() >= expected, 120);
        System.out.printf(
                "latency:       %,d events/s for %d s, %d sessions x %d watchers = %d watchers%n",
                rate, seconds, sessionCount, watchersEach, sessionCount * watchersEach);
        System.out.printf(
                "  sandbox -> watcher: p50 %.1f ms, p99 %.1f ms (%,d deliveries)%n",
                latencies.millis(0.5), latencies.millis(0.99), latencies.count());
        System.out.printf("  target: p99 <= 25 ms %s%n", latencies.millis(0.99) <= 25 ? "MET" : "NOT MET");
        tearDown(sessions);
    }

    private List<Session> setUp(int count, int watchersEach, Histogram latencies) throws Exception {
        var sessions = new ArrayList<Session>();
        for (int i = 0; i < count; i++) {
            var id = UUID.fromString(api.post("/api/sessions", Map.of("repository", "https://bench.example/r.git"))
                    .text("id"));
            var prompt = api.post("/api/sessions/" + id + "/prompts", Map.of("content", "bench"))
                    .text("id");
            var watchers = new ArrayList<BenchWatcher>();
            for (int w = 0; w < watchersEach; w++) {
                var token = api.post("/api/sessions/" + id + "/ws-token", null).text("token");
                watchers.add(new BenchWatcher(
                        URI.create("ws://127.0.0.1:" + port + "/api/sessions/" + id + "/ws"), token, latencies));
            }
            sessions.add(new Session(id, prompt, null, watchers));
        }
        waitFor(() -> sessions.stream().allMatch(s -> sandboxes.bySession.containsKey(s.id())), 120);
        var ready = sessions.stream()
                .map(s -> new Session(s.id(), s.promptId(), sandboxes.bySession.get(s.id()), s.watchers()))
                .toList();
        waitFor(
                () -> ready.stream()
                        .allMatch(s -> "running"
                                .equals(api.get("/api/sessions/" + s.id()).text("status"))),
                120);
        return ready;
    }

    private static void tearDown(List<Session> sessions) {
        for (var s : sessions) {
            s.watchers().forEach(BenchWatcher::close);
            s.sandbox().close();
        }
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark did not finish within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
