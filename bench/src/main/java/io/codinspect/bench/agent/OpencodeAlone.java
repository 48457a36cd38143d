package io.codinspect.bench.agent;

import io.codinspect.model.event.EventCodec;
import io.codinspect.supervisor.boundary.LocalBoundary;
import io.codinspect.supervisor.opencode.OpencodeEvents;
import io.codinspect.supervisor.opencode.OpencodeServer;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.FakeLlm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * OpenCode on its own, driven directly over its HTTP API exactly as the supervisor drives it:
 * the baseline CodInspect's figures are compared with.
 */
final class OpencodeAlone {

    record Figures(List<Double> startupMs, List<Double> promptMs) {}

    /**
     * Pause after a turn before the next prompt: OpenCode finishes up for a few hundred ms after
     * {@code session.idle}, and CodInspect's own commit, push and report take about this long, so
     * both paths send their next prompt to a settled OpenCode.
     */
    static final Duration SETTLE = Duration.ofMillis(300);

    private OpencodeAlone() {}

    static Figures measure(FakeLlm llm, Path binary, Path dir, int starts, int prompts) throws Exception {
        var startup = new ArrayList<Double>();
        var latency = new ArrayList<Double>();
        for (var run = 0; run < starts; run++) {
            var repo = GitRepo.create(dir.resolve("alone-" + run + "/repo"));
            var server = new OpencodeServer(
                    binary,
                    repo.dir(),
                    dir.resolve("alone-" + run + "/home"),
                    config(llm),
                    LocalBoundary.none(System.getenv()),
                    dir.resolve("alone-" + run + "/opencode.log"),
                    dir.resolve("alone-" + run + "/opencode-config.json"));
            var started = System.nanoTime();
            var client = server.start();
            startup.add(millisSince(started));
            var idle = new AtomicReference<CompletableFuture<Void>>(new CompletableFuture<>());
            try (var events = new OpencodeEvents(
                    client,
                    event -> {
                        if ("session.idle".equals(event.path("type").asString())) {
                            idle.get().complete(null);
                        }
                    },
                    () -> {})) {
                events.start().get(15, TimeUnit.SECONDS);
                var session = client.createSession("bench");
                for (var i = 0; i < (run == 0 ? prompts : 0); i++) {
                    var trigger = "alone-" + run + "-" + i;
                    idle.set(new CompletableFuture<>());
                    var sent = System.nanoTime();
                    client.prompt(session, "bench " + trigger, "bench", "m1", null);
                    var request = AgentBench.awaitTurn(llm, trigger, Duration.ofSeconds(60));
                    latency.add((request.receivedNanos() - sent) / 1e6);
                    idle.get().get(60, TimeUnit.SECONDS);
                    Thread.sleep(SETTLE.toMillis());
                }
            } finally {
                server.stop();
            }
        }
        return new Figures(startup, latency);
    }

    private static String config(FakeLlm llm) {
        return EventCodec.mapper()
                .writeValueAsString(Map.of(
                        "autoupdate",
                        false,
                        "share",
                        "disabled",
                        "enabled_providers",
                        List.of("bench"),
                        "model",
                        "bench/m1",
                        "small_model",
                        "bench/m1",
                        "permission",
                        Map.of("edit", "allow", "bash", "allow", "question", "deny"),
                        "provider",
                        Map.of(
                                "bench",
                                Map.of(
                                        "npm",
                                        "@ai-sdk/openai-compatible",
                                        "name",
                                        "bench",
                                        "options",
                                        Map.of("baseURL", llm.baseUrl(), "apiKey", "sk-bench"),
                                        "models",
                                        Map.of("m1", Map.of("name", "m1", "tool_call", true))))));
    }

    static double millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
