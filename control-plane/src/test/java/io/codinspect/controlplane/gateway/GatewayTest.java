package io.codinspect.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.codinspect.controlplane.RunningControlPlane;
import io.codinspect.model.event.PromptCompleted;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.Json;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.Reply;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The model gateway over HTTP, between a sandbox's agent token and the fake provider: what passes,
 * what is refused, and what is recorded.
 */
class GatewayTest {

    static final String PROVIDER_KEY = "sk-real-provider-key-canary-7f3a";

    private static FakeLlm llm;
    private static RunningControlPlane controlPlane;
    private static ApiClient alice;
    private static AgentCalls calls;

    @BeforeAll
    static void start() {
        llm = FakeLlm.start(0);
        var settings = AgentCalls.fakeProvider(llm.baseUrl(), PROVIDER_KEY, "m1", "unpriced");
        settings.putAll(Map.of(
                "codinspect.models.providers.fake.prices.m1.input", "2.00",
                "codinspect.models.providers.fake.prices.m1.output", "8.00",
                "codinspect.models.response-timeout", "2s",
                "codinspect.sandbox.max-active", 20));
        controlPlane = RunningControlPlane.start(settings);
        calls = new AgentCalls(controlPlane.port());
        alice = controlPlane.newUser("Alice", "alice-gw");
    }

    @AfterAll
    static void stop() {
        controlPlane.close();
        llm.close();
    }

    /** A session with a live sandbox running a prompt; returns the sandbox's agent token. */
    record Running(UUID sessionId, String promptId, String agentToken, String bridgeToken) {}

    static Running running(String content) throws InterruptedException {
        var session = UUID.fromString(
                alice.post("/api/sessions", Map.of("repository", "https://example.com/acme/widgets.git"))
                        .text("id"));
        alice.post("/api/sessions/" + session + "/prompts", Map.of("content", content));
        await().until(() -> !controlPlane.sandboxes().of(session).isEmpty());
        var run = controlPlane.sandboxes().of(session).getFirst().awaitPrompt(10, TimeUnit.SECONDS);
        var spec = controlPlane.sandboxes().specsOf(session).getLast();
        return new Running(session, run.promptId(), spec.agentToken(), spec.bridgeToken());
    }

    static HttpResponse<String> chat(String token, String model, String trigger) throws Exception {
        return calls.chat(token, model, trigger);
    }

    /** The usage chunk the provider sent, as the agent received it. */
    static JsonNode reportedUsage(String sse) {
        return sse.lines()
                .filter(l -> l.startsWith("data: {") && l.contains("\"usage\""))
                .map(l -> Json.parse(l.substring(6)).path("usage"))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void relaysTheStreamWithTheRealKeyAndRecordsWhatTheProviderReportedTimesThePrices() throws Exception {
        var run = running("gw-relay");
        llm.script("gw-relay", Reply.text("Hello from the provider, through the gateway."));

        var answer = chat(run.agentToken(), "m1", "gw-relay");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(answer.body()).contains("Hello from").contains("data: [DONE]");
        var seen = llm.turns("gw-relay").getLast();
        assertThat(seen.authorization()).isEqualTo("Bearer " + PROVIDER_KEY);
        assertThat(seen.body().path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        var reported = reportedUsage(answer.body());
        var cached =
                reported.path("prompt_tokens_details").path("cached_tokens").asLong();
        var input = reported.path("prompt_tokens").asLong() - cached;
        var output = reported.path("completion_tokens").asLong();
        assertThat(input).isPositive();
        assertThat(output).isPositive();

        var usage = alice.get("/api/sessions/" + run.sessionId() + "/usage").json();
        var total = usage.path("total");
        assertThat(total.path("calls").asLong()).isEqualTo(1);
        assertThat(total.path("inputTokens").asLong()).isEqualTo(input);
        assertThat(total.path("outputTokens").asLong()).isEqualTo(output);
        assertThat(total.path("cacheReadTokens").asLong()).isEqualTo(cached);
        // no cache-read price is configured: cached tokens cost the input price
        var expected = BigDecimal.valueOf((input + cached) * 2 + output * 8).movePointLeft(6);
        assertThat(total.path("costUsd").decimalValue()).isEqualByComparingTo(expected);
        assertThat(total.path("unpricedCalls").asLong()).isZero();
        assertThat(usage.path("prompts").get(0).path("promptId").asString()).isEqualTo(run.promptId());
        assertThat(usage.path("models").get(0).path("key").asString()).isEqualTo("fake/m1");
        assertThat(usage.toString()).doesNotContain(PROVIDER_KEY).doesNotContain(run.agentToken());
    }

    @Test
    void anUnpricedModelsCostIsUnknownNotZero() throws Exception {
        var run = running("gw-unpriced");
        llm.script("gw-unpriced", Reply.text("An answer of unknown price."));

        assertThat(chat(run.agentToken(), "unpriced", "gw-unpriced").statusCode())
                .isEqualTo(200);

        var total =
                alice.get("/api/sessions/" + run.sessionId() + "/usage").json().path("total");
        assertThat(total.path("calls").asLong()).isEqualTo(1);
        assertThat(total.path("costUsd").isNull()).isTrue();
        assertThat(total.path("unpricedCalls").asLong()).isEqualTo(1);
    }

    @Test
    void refusesWhatNoLiveSandboxMayDo() throws Exception {
        var run = running("gw-refusals");
        var before = llm.requests().size();

        var noToken = chat(null, "m1", "gw-refusals");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(Json.parse(noToken.body()).path("error").path("message").asString())
                .contains("model token");
        assertThat(chat(run.bridgeToken(), "m1", "gw-refusals").statusCode())
                .as("the bridge token is the supervisor's, not the agent's")
                .isEqualTo(401);
        var otherModel = chat(run.agentToken(), "gpt-4-secret", "gw-refusals");
        assertThat(otherModel.statusCode()).isEqualTo(403);
        assertThat(Json.parse(otherModel.body()).path("error").path("message").asString())
                .contains("fake/gpt-4-secret")
                .contains("not offered");
        var files = calls.send(calls.request("/llm/fake/files", run.agentToken(), "{}"));
        assertThat(files.statusCode()).isEqualTo(404);

        var sandbox = controlPlane.sandboxes().of(run.sessionId()).getFirst();
        sandbox.emit(new PromptCompleted(run.promptId()));
        sandbox.turnEnded();
        await().until(() -> alice.post("/api/sessions/" + run.sessionId() + "/archive", null)
                        .status()
                == 200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> chat(run.agentToken(), "m1", "gw-refusals").statusCode() == 401);
        assertThat(llm.requests()).as("nothing refused reached the provider").hasSize(before);
    }

    @Test
    void providerErrorsPassThroughWithTheirRetryAfter() throws Exception {
        var run = running("gw-fails");
        llm.script("gw-fails", Reply.failure(500, "the provider broke"));
        llm.script("gw-busy", Reply.rateLimited(Duration.ofSeconds(7)));

        var broken = chat(run.agentToken(), "m1", "gw-fails");
        var busy = chat(run.agentToken(), "m1", "gw-busy");

        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(Json.parse(broken.body()).path("error").path("message").asString())
                .isEqualTo("the provider broke");
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("retry-after")).hasValue("7");
        var total =
                alice.get("/api/sessions/" + run.sessionId() + "/usage").json().path("total");
        assertThat(total.path("calls").asLong()).isEqualTo(2);
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsAClearErrorTheTimelineShows() throws Exception {
        var run = running("gw-silent");
        llm.script("gw-silent", Reply.silence(Duration.ofSeconds(4)));

        var answer = chat(run.agentToken(), "m1", "gw-silent");

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(Json.parse(answer.body()).path("error").path("message").asString())
                .contains("did not answer within 2 s")
                .contains("codinspect.models.response-timeout");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> alice.get("/api/sessions/" + run.sessionId() + "/events")
                        .json()
                        .path("events")
                        .toString()
                        .contains("did not answer within 2 s"));
    }

    @Test
    void aSandboxThatGoesAwayMidStreamCancelsTheProvidersRequest() throws Exception {
        var run = running("gw-gone");
        llm.script("gw-gone", Reply.slow("The start of a long answer", Duration.ofSeconds(30), "and its end."));
        var abandoned = llm.abandonedStreams().size();

        var stream = calls.send(
                calls.request("/llm/fake/chat/completions", run.agentToken(), AgentCalls.turn("m1", "gw-gone")),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var in = stream.body()) {
            var first = new String(in.readNBytes(64), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(first).startsWith("data: ");
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> llm.abandonedStreams().size() > abandoned);
        var total = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> alice.get("/api/sessions/" + run.sessionId() + "/usage")
                                .json()
                                .path("total"),
                        t -> t.path("calls").asLong() == 1);
        assertThat(total.path("outputTokens").asLong())
                .as("hanging up before the usage came counts an estimate, not nothing")
                .isPositive();
        assertThat(total.path("costUsd").decimalValue()).isPositive();
    }

    @Test
    void refusesWhatWouldSpendOrReachTheNetworkOutsideTheGatewaysSight() throws Exception {
        var run = running("gw-policy");
        var before = llm.requests().size();
        var path = "/llm/fake/chat/completions";

        var twice = calls.send(
                calls.request(path, run.agentToken(), "{\"model\":\"m1\",\"model\":\"gpt-4-secret\",\"stream\":true}"));
        var background = calls.send(
                calls.request(path, run.agentToken(), "{\"model\":\"m1\",\"background\":true,\"input\":\"x\"}"));
        var search = calls.send(
                calls.request(path, run.agentToken(), "{\"model\":\"m1\",\"tools\":[{\"type\":\"web_search\"}]}"));
        var servers = calls.send(calls.request(
                path, run.agentToken(), "{\"model\":\"m1\",\"mcp_servers\":[{\"url\":\"https://evil.example\"}]}"));

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(background.statusCode()).isEqualTo(400);
        assertThat(search.statusCode()).isEqualTo(403);
        assertThat(Json.parse(search.body()).path("error").path("message").asString())
                .contains("web_search");
        assertThat(servers.statusCode()).isEqualTo(403);
        assertThat(llm.requests()).as("none reached the provider").hasSize(before);
    }
}
