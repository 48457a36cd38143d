package io.codinspect.bench.agent;

import io.codinspect.bench.BenchDatabase;
import io.codinspect.controlplane.CodinspectApplication;
import io.codinspect.model.stream.ServerMessage;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.WatcherClient;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.RecordedRequest;
import io.codinspect.testkit.llm.Reply;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Cold start (prompt accepted → first agent event) and follow-up overhead (prompt accepted →
 * OpenCode's request reaches the model) of local sandboxes, against OpenCode's own startup and
 * prompt latency measured in the same run on the same machine. Run with
 * {@code ./codinspect bench agent [--cold=5] [--followups=10]}. Each cold start's session is
 * archived before the next, so that sandboxes do not pile up on the machine.
 */
public final class AgentBench {

    private static final String TOKEN = "cit_bench-agent-token-0123456789abcdefghijklmnop";
    private static final Set<String> NOT_AGENT = Set.of("user.message", "prompt.started");

    private AgentBench() {}

    public static void main(String[] args) throws Exception {
        var options = new HashMap<>(Map.of("cold", 5, "followups", 10));
        for (var arg : args) {
            var kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        var opencode = Path.of(System.getenv("CODINSPECT_SANDBOX_LOCAL_OPENCODE_BINARY"));
        var dir = Files.createTempDirectory("codinspect-agent-bench");
        try (var llm = FakeLlm.start(0)) {
            llm.script("bench", Reply.text("ok"));
            var alone = OpencodeAlone.measure(llm, opencode, dir, options.get("cold"), options.get("followups"));
            var database = BenchDatabase.newDatabase();
            var context = new SpringApplicationBuilder(CodinspectApplication.class)
                    .run(
                            "--server.port=0",
                            "--codinspect.sandbox.egress.port=0", // beside a running ./codinspect up
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN",
                            "--spring.datasource.url=" + database,
                            "--spring.datasource.username=postgres",
                            "--codinspect.bootstrap.token=" + TOKEN,
                            "--codinspect.data-dir=" + dir.resolve("data"),
                            "--codinspect.sandbox.provider=local",
                            "--codinspect.sandbox.max-active=" + (options.get("cold") + 1),
                            "--codinspect.models.providers.bench.type=openai-compatible",
                            "--codinspect.models.providers.bench.base-url=" + llm.baseUrl(),
                            "--codinspect.models.providers.bench.api-key=sk-bench",
                            "--codinspect.models.providers.bench.models[0]=m1",
                            "--codinspect.models.default-model=bench/m1");
            var port = context.getEnvironment().getProperty("local.server.port");
            var api = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN);
            var cold = new ArrayList<Double>();
            var overhead = new ArrayList<Double>();
            for (var run = 0; run < options.get("cold"); run++) {
                var repo = GitRepo.create(dir.resolve("origin-" + run));
                var session = UUID.fromString(api.post(
                                "/api/sessions", Map.of("repository", repo.dir().toString()))
                        .text("id"));
                try (var watcher = watch(api, port, session)) {
                    var sent = System.nanoTime();
                    var promptId = api.post("/api/sessions/" + session + "/prompts", Map.of("content", "bench cold"))
                            .text("id");
                    var accepted = System.nanoTime();
                    awaitFirstAgentEvent(watcher, promptId);
                    cold.add((System.nanoTime() - accepted) / 1e6);
                    awaitEnd(watcher, promptId);
                    phases(watcher, (accepted - sent) / 1e6);
                    for (var i = 0; i < (run == 0 ? options.get("followups") : 0); i++) {
                        var trigger = "follow-" + i;
                        var id = api.post(
                                        "/api/sessions/" + session + "/prompts", Map.of("content", "bench " + trigger))
                                .text("id");
                        var queued = System.nanoTime();
                        overhead.add(
                                (awaitTurn(llm, trigger, Duration.ofSeconds(60)).receivedNanos() - queued) / 1e6);
                        awaitEnd(watcher, id);
                    }
                    // the next cold start gets a machine without this sandbox running
                    api.post("/api/sessions/" + session + "/archive", null);
                    while (watcher.events().stream()
                            .noneMatch(e -> "stopped".equals(e.path("status").asString()))) {
                        Thread.sleep(10);
                    }
                }
            }
            context.close();
            report(alone, cold, overhead);
            System.out.println(BenchDatabase.durability(database));
        }
        System.exit(0);
    }

    /** When each event of a cold start was stored, from the prompt's own event on (ms). */
    private static void phases(WatcherClient watcher, double acceptMs) {
        var events = watcher.events();
        var start = java.time.Instant.parse(events.getFirst().path("createdAt").asString());
        var line = new StringBuilder("  cold start timeline (ms): accept " + Math.round(acceptMs));
        for (var e : events) {
            var at = Duration.between(
                            start, java.time.Instant.parse(e.path("createdAt").asString()))
                    .toMillis();
            var label = e.path("phase").asString(e.path("status").asString(""));
            line.append(", ").append(e.path("type").asString()).append(label.isEmpty() ? "" : ":" + label);
            line.append(" @").append(at);
            if (e.path("type").asString().startsWith("prompt.completed")) {
                break;
            }
        }
        System.out.println(line);
    }

    private static WatcherClient watch(ApiClient api, String port, UUID session) {
        var token = api.post("/api/sessions/" + session + "/ws-token", null).text("token");
        return WatcherClient.connect(
                URI.create("ws://127.0.0.1:" + port + "/api/sessions/" + session + "/ws"), token, 0);
    }

    private static void awaitFirstAgentEvent(WatcherClient watcher, String promptId) throws InterruptedException {
        while (watcher.messages(ServerMessage.Delta.class).stream().noneMatch(d -> promptId.equals(d.promptId()))
                && watcher.events().stream()
                        .noneMatch(e -> promptId.equals(e.path("promptId").asString())
                                && !NOT_AGENT.contains(e.path("type").asString()))) {
            Thread.sleep(1); // timestamps to the millisecond
        }
    }

    private static void awaitEnd(WatcherClient watcher, String promptId) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (watcher.events().stream()
                .noneMatch(e -> promptId.equals(e.path("promptId").asString())
                        && e.path("type").asString().matches("prompt\\.(completed|failed|cancelled)"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("prompt " + promptId + " did not end");
            }
            Thread.sleep(5);
        }
    }

    static RecordedRequest awaitTurn(FakeLlm llm, String trigger, Duration timeout) throws InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var turns = llm.turns(trigger);
            if (!turns.isEmpty()) {
                return turns.getFirst();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no model request for " + trigger + " within " + timeout);
    }

    private static void report(OpencodeAlone.Figures alone, List<Double> cold, List<Double> overhead) {
        System.out.println();
        System.out.println("Agent latency (ms)                               median      max   runs");
        line("OpenCode alone: spawn to healthy", alone.startupMs());
        line("OpenCode alone: prompt_async to model request", alone.promptMs());
        line("CodInspect cold start: accepted to first agent event", cold);
        line("CodInspect follow-up: accepted to model request", overhead);
        var followupOverhead = median(overhead) - median(alone.promptMs());
        System.out.printf(
                "Follow-up overhead over OpenCode alone (median): %.1f ms (target <= 50 ms: %s)%n",
                followupOverhead, followupOverhead <= 50 ? "met" : "NOT met");
        System.out.printf(
                "Cold start (median): %.0f ms (target <= 3000 ms: %s)%n",
                median(cold), median(cold) <= 3000 ? "met" : "NOT met");
    }

    private static void line(String name, List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-50s %8.1f %8.1f %6d%n", name, median(values), sorted.getLast(), values.size());
    }

    private static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
