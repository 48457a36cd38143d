package io.codinspect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.GitRepo;
import io.codinspect.testkit.llm.Api;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.RecordedRequest;
import io.codinspect.testkit.llm.Reply;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance 1 and 2 of the model gateway: one prompt per provider type (Anthropic Messages,
 * OpenAI Responses, OpenAI-compatible Chat Completions) completes through the gateway with the
 * real supervisor and OpenCode; the fake provider sees the real keys, which no file, process
 * environment or command line of the sandbox holds; and what the session's usage says is what the
 * provider reported times the configured prices.
 */
@ExtendWith(SharedSystem.class)
class ModelGatewayTest {

    private static final Duration TURN = Duration.ofSeconds(90);
    private static final List<String> CANARIES =
            List.of(LocalSystem.ANTHROPIC_KEY, LocalSystem.OPENAI_KEY, LocalSystem.LLM_KEY);

    private static LocalSystem system;
    private static ApiClient alice;
    private static Path dir;

    /** A provider type as the test drives it: its model, the API the fake sees, the credential it must carry. */
    private record Provider(String model, Api api, String credential, String trigger) {}

    private static final List<Provider> PROVIDERS = List.of(
            new Provider("anthropic/claude-sonnet-4-5", Api.MESSAGES, LocalSystem.ANTHROPIC_KEY, "via-anthropic"),
            new Provider("openai/gpt-5", Api.RESPONSES, "Bearer " + LocalSystem.OPENAI_KEY, "via-openai"),
            new Provider("fake/m1", Api.CHAT_COMPLETIONS, "Bearer " + LocalSystem.LLM_KEY, "via-compatible"));

    @BeforeAll
    static void start(LocalSystem shared) {
        system = shared;
        dir = system.folder("model-gateway");
        alice = system.newUser("Alice Gateway", "alice-gateway", "alice.gateway@example.com");
    }

    @Test
    void aPromptPerProviderTypeCompletesThroughTheGatewayAndNoProviderKeyIsInTheSandbox() throws IOException {
        var origin = GitRepo.create(dir.resolve("origin"));
        for (var provider : PROVIDERS) {
            system.llm()
                    .script(
                            provider.trigger(),
                            Reply.stream(
                                    new Chunk.Text("Writing the file."),
                                    new Chunk.ToolCall(
                                            "bash",
                                            "{\"command\":\"printf '" + provider.trigger() + "\\\\n' > "
                                                    + provider.trigger() + ".txt\",\"description\":\"Write it\"}")),
                            Reply.text("Wrote " + provider.trigger() + ".txt."));
        }
        try (var session = TestSession.open(system, alice, origin.dir().toString())) {
            var prompts = new ArrayList<String>();
            for (var provider : PROVIDERS) {
                var prompt = session.prompt(
                        alice, Map.of("content", "Please go " + provider.trigger(), "model", provider.model()));
                session.awaitCompleted(prompt, TURN);
                prompts.add(prompt);
                assertThat(origin.show(session.branch(), provider.trigger() + ".txt"))
                        .isEqualTo(provider.trigger() + "\n");
                var turns = system.llm().turns(provider.trigger());
                assertThat(turns).as("the turns of %s", provider.model()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(turns).allSatisfy(request -> {
                    assertThat(request.api()).isEqualTo(provider.api());
                    assertThat(request.credential())
                            .as("the fake sees the real key, from the control plane")
                            .isEqualTo(provider.credential());
                });
            }

            var sandbox = session.sandboxOf(prompts.getFirst());
            assertThat(prompts).allSatisfy(p -> assertThat(session.sandboxOf(p)).isEqualTo(sandbox));
            assertNoCanaryIn(sandboxProcesses(sandbox));
            assertNoCanaryIn(system.dataDir().resolve("sandboxes").resolve(sandbox));
            assertThat(session.watcher().events().toString())
                    .satisfies(
                            events -> CANARIES.forEach(key -> assertThat(events).doesNotContain(key)));

            var usage = alice.get("/api/sessions/" + session.id() + "/usage").json();
            assertThat(usage.toString())
                    .satisfies(text -> CANARIES.forEach(key -> assertThat(text).doesNotContain(key)));
            // Anthropic's default prices: 3.00 in, 15.00 out, 0.30 cache read, 3.75 cache write per million
            var anthropic = reported("claude-sonnet-4-5");
            assertUsage(
                    usage, "anthropic/claude-sonnet-4-5", anthropic, price(anthropic, "3.00", "15.00", "0.30", "3.75"));
            // OpenAI's: 1.25 in, 10.00 out, 0.125 cache read; the Responses API reports no cache writes
            var openai = reported("gpt-5");
            assertThat(openai.cacheWrite()).isZero();
            assertUsage(usage, "openai/gpt-5", openai, price(openai, "1.25", "10.00", "0.125", "1.25"));
            // Chat Completions reports usage only when asked: the gateway asks (OpenCode does too).
            // The fake's m1 is priced by LocalSystem at 1.00 in, 2.00 out, 0.50 cache read
            var compatible = reported(system.llm().turns("via-compatible"), false);
            assertUsage(usage, "fake/m1", compatible, price(compatible, "1.00", "2.00", "0.50", "1.00"));
            assertThat(usage.path("prompts").findValuesAsString("promptId")).containsAll(prompts);

            var byModel = alice.get("/api/usage?groupBy=model").json();
            assertThat(byModel.path("groups").findValuesAsString("key"))
                    .contains("anthropic/claude-sonnet-4-5", "openai/gpt-5");
        }
    }

    /** Token counts the fake reported, summed over every call of a model, in the gateway's vocabulary. */
    private record Reported(long calls, long input, long output, long cacheRead, long cacheWrite, long reasoning) {}

    private static Reported reported(String model) {
        return reported(
                system.llm().requests().stream()
                        .filter(r -> r.model().equals(model))
                        .toList(),
                model.startsWith("claude"));
    }

    private static Reported reported(List<RecordedRequest> requests, boolean anthropic) {
        var calls = requests.stream()
                .filter(r -> r.usage() != null)
                .map(RecordedRequest::usage)
                .toList();
        return new Reported(
                calls.size(),
                calls.stream().mapToLong(u -> u.input()).sum(),
                calls.stream().mapToLong(u -> u.output()).sum(),
                calls.stream().mapToLong(u -> u.cacheRead()).sum(),
                anthropic ? calls.stream().mapToLong(u -> u.cacheWrite()).sum() : 0,
                anthropic ? 0 : calls.stream().mapToLong(u -> u.reasoning()).sum());
    }

    private static BigDecimal price(Reported tokens, String input, String output, String cacheRead, String cacheWrite) {
        return new BigDecimal(input)
                .multiply(BigDecimal.valueOf(tokens.input()))
                .add(new BigDecimal(output).multiply(BigDecimal.valueOf(tokens.output())))
                .add(new BigDecimal(cacheRead).multiply(BigDecimal.valueOf(tokens.cacheRead())))
                .add(new BigDecimal(cacheWrite).multiply(BigDecimal.valueOf(tokens.cacheWrite())))
                .movePointLeft(6);
    }

    private static void assertUsage(JsonNode usage, String model, Reported expected, BigDecimal cost) {
        JsonNode group = null;
        for (var candidate : usage.path("models")) {
            if (candidate.path("key").asString().equals(model)) {
                group = candidate;
            }
        }
        assertThat(group).as("the usage of %s in %s", model, usage).isNotNull();
        assertThat(expected.calls()).isPositive();
        assertThat(group.path("calls").asLong()).isEqualTo(expected.calls());
        assertThat(group.path("inputTokens").asLong()).isEqualTo(expected.input());
        assertThat(group.path("outputTokens").asLong()).isEqualTo(expected.output());
        assertThat(group.path("cacheReadTokens").asLong()).isEqualTo(expected.cacheRead());
        assertThat(group.path("cacheWriteTokens").asLong()).isEqualTo(expected.cacheWrite());
        assertThat(group.path("reasoningTokens").asLong()).isEqualTo(expected.reasoning());
        assertThat(group.path("costUsd").decimalValue())
                .as("the cost of %s", model)
                .isEqualByComparingTo(cost);
        assertThat(group.path("unpricedCalls").asLong()).isZero();
    }

    /** The sandbox's supervisor and OpenCode with everything they started. */
    private static List<ProcessHandle> sandboxProcesses(String sandboxId) throws IOException {
        var supervisor = SandboxProcesses.supervisor(system.dataDir(), sandboxId);
        var opencode = SandboxProcesses.opencode(system.dataDir(), sandboxId);
        return Stream.concat(
                        Stream.of(supervisor, opencode),
                        Stream.concat(supervisor.descendants(), opencode.descendants()))
                .distinct()
                .toList();
    }

    private static void assertNoCanaryIn(List<ProcessHandle> processes) throws IOException {
        assertThat(processes).hasSizeGreaterThanOrEqualTo(2);
        for (var process : processes) {
            for (var file : List.of("environ", "cmdline")) {
                var path = Path.of("/proc", Long.toString(process.pid()), file);
                if (!Files.isReadable(path)) {
                    continue; // it ended meanwhile
                }
                var text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
                for (var key : CANARIES) {
                    assertThat(text)
                            .as(
                                    "/proc/%d/%s of %s",
                                    process.pid(), file, process.info().command())
                            .doesNotContain(key);
                }
            }
        }
    }

    /** Every file of the sandbox's folder: its workspace, home (OpenCode's configuration and data) and logs. */
    private static void assertNoCanaryIn(Path sandboxDir) throws IOException {
        var scanned = 0;
        try (var files = Files.walk(sandboxDir)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) > 64L * 1024 * 1024) {
                    continue;
                }
                var text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (var key : CANARIES) {
                    assertThat(text).as("%s", file).doesNotContain(key);
                }
                scanned++;
            }
        }
        assertThat(scanned).as("files scanned").isGreaterThan(10);
    }
}
