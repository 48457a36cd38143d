package io.codinspect.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final FakeLlm llm = FakeLlm.start(0);
    private final LlmClient client = new LlmClient(llm);

    @AfterEach
    void stop() {
        llm.close();
    }

    private static Map<String, Object> chat(String text) {
        return Map.of(
                "model",
                "m1",
                "stream",
                true,
                "stream_options",
                Map.of("include_usage", true),
                "messages",
                List.of(Map.of("role", "user", "content", text)),
                "tools",
                LlmClient.tools(Api.CHAT_COMPLETIONS));
    }

    @Test
    void aRateLimitCarriesRetryAfterInWholeSeconds() throws Exception {
        llm.script("slow-down", Reply.failure(429, "slow down").retryAfter(Duration.ofSeconds(3)));

        var answer = client.send(Api.CHAT_COMPLETIONS, chat("slow-down"));

        assertThat(answer.response().statusCode()).isEqualTo(429);
        assertThat(answer.response().headers().firstValue("retry-after")).hasValue("3");
        assertThat(answer.json().path("error").path("type").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(llm.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.usage()).isNull());
    }

    @Test
    void aFlakyReplyFailsTheGivenNumberOfTimesThenAnswers() throws Exception {
        llm.script("flaky", Reply.flaky(Reply.failure(503, "overloaded"), 2, Reply.text("Finally.")));

        var statuses = new java.util.ArrayList<Integer>();
        for (var i = 0; i < 3; i++) {
            statuses.add(
                    client.send(Api.CHAT_COMPLETIONS, chat("flaky")).response().statusCode());
        }

        assertThat(statuses).containsExactly(503, 503, 200);
        assertThat(llm.requests()).extracting(RecordedRequest::usage).containsExactly(null, null, Usage.DEFAULT);
    }

    @Test
    void silenceSendsNoStatusLineSoAClientTimesOut() {
        llm.script("say-nothing", Reply.silence(Duration.ofSeconds(2)));
        var request = HttpRequest.newBuilder(client.request(Api.CHAT_COMPLETIONS, chat("say-nothing")), (n, v) -> true)
                .timeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> client.http().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(llm.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.usage()).isEqualTo(Usage.DEFAULT));
    }

    @Test
    void aPauseSendsKeepAliveCommentsThatLeaveTheAnswerWhole() throws Exception {
        llm.script("take-a-breath", Reply.slow("Half of it", Duration.ofMillis(600), " and the rest."));

        var answer = client.send(
                Api.MESSAGES,
                Map.of(
                        "model",
                        "claude-sonnet-4-5",
                        "stream",
                        true,
                        "messages",
                        List.of(Map.of("role", "user", "content", "take-a-breath")),
                        "tools",
                        LlmClient.tools(Api.MESSAGES)));

        assertThat(answer.comments()).isGreaterThanOrEqualTo(2);
        assertThat(answer.frames())
                .filteredOn(f -> f.type().equals("content_block_start"))
                .hasSize(1);
        var text = answer.frames().stream()
                .filter(f -> f.type().equals("content_block_delta"))
                .map(f -> f.json().path("delta").path("text").asString(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("Half of it and the rest.");
        assertThat(llm.abandonedStreams()).isEmpty();
    }

    @Test
    void aClientThatHangsUpDuringAPauseIsSeenWithinASecond() throws Exception {
        llm.script("hang-up", Reply.slow("Working on it", Duration.ofMinutes(1), "."));
        var body = client.open(
                Api.RESPONSES,
                Map.of(
                        "model",
                        "gpt-5",
                        "stream",
                        true,
                        "input",
                        List.of(Map.of("role", "user", "content", "hang-up")),
                        "tools",
                        LlmClient.tools(Api.RESPONSES)));
        while (!LlmClient.readLine(body).contains("response.output_text.delta")) {
            // read up to the first text
        }

        body.close();

        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(llm.abandonedStreams())
                        .singleElement()
                        .satisfies(r -> assertThat(r.lastUserText()).isEqualTo("hang-up")));
    }

    @Test
    void aStreamedChatCompletionReportsUsageOnlyWhenAsked() throws Exception {
        var asked = client.send(Api.CHAT_COMPLETIONS, chat("anything"));
        var unasked = new java.util.HashMap<>(chat("anything"));
        unasked.remove("stream_options");
        var notAsked = client.send(Api.CHAT_COMPLETIONS, unasked);

        assertThat(asked.frames()).anySatisfy(f -> assertThat(f.data()).contains("\"usage\""));
        assertThat(notAsked.frames()).noneSatisfy(f -> assertThat(f.data()).contains("\"usage\""));
    }

    @Test
    void everyAnswerReportsTheConfiguredUsage() throws Exception {
        llm.usage(new Usage(1000, 200, 0, 0, 50));

        var answer = client.send(Api.CHAT_COMPLETIONS, chat("anything"));

        var usage = answer.frames().get(answer.frames().size() - 2).json().path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(1000);
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong())
                .isEqualTo(50);
        assertThat(llm.requests().getFirst().usage()).isEqualTo(new Usage(1000, 200, 0, 0, 50));
    }
}
