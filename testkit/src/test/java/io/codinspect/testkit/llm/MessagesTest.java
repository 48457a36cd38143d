package io.codinspect.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private final FakeLlm llm = FakeLlm.start(0)
            .script(
                    "tidy-notes",
                    Reply.stream(
                            new Chunk.Reasoning("The notes need a look."),
                            new Chunk.ToolCall("read", "{\"filePath\":\"NOTES.md\"}")),
                    Reply.text("The notes are tidy."));
    private final LlmClient client = new LlmClient(llm);

    @AfterEach
    void stop() {
        llm.close();
    }

    private static Map<String, Object> request(List<Map<String, Object>> messages, boolean stream) {
        return Map.of(
                "model",
                "claude-sonnet-4-5",
                "max_tokens",
                32_000,
                "stream",
                stream,
                "thinking",
                Map.of("type", "enabled", "budget_tokens", 24_000),
                "system",
                List.of(Map.of("type", "text", "text", "You are a coder.")),
                "messages",
                messages,
                "tools",
                LlmClient.tools(Api.MESSAGES));
    }

    private static Map<String, Object> user(String text) {
        return Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", text)));
    }

    @Test
    void streamsThinkingAndAToolUseWithTheInputUsageFirstAndTheOutputUsageLast() throws Exception {
        var answer = client.send(Api.MESSAGES, request(List.of(user("please tidy-notes")), true));

        var frames = answer.frames();
        assertThat(frames).allSatisfy(f -> assertThat(f.event()).isEqualTo(f.type()));
        assertThat(frames)
                .extracting(LlmClient.Frame::type)
                .startsWith("message_start", "ping")
                .endsWith("message_delta", "message_stop");
        var start = frames.getFirst().json().path("message");
        assertThat(start.path("id").asString()).startsWith("msg_");
        assertThat(start.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        var usage = start.path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(100);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(30);
        assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(10);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(1);
        var blocks = frames.stream()
                .filter(f -> f.type().equals("content_block_start"))
                .map(f -> f.json())
                .toList();
        assertThat(blocks)
                .extracting(b -> b.path("content_block").path("type").asString())
                .containsExactly("thinking", "tool_use");
        assertThat(blocks.get(1).path("index").asInt()).isEqualTo(1);
        assertThat(blocks.get(1).path("content_block").path("id").asString()).startsWith("toolu_");
        var deltas = frames.stream()
                .filter(f -> f.type().equals("content_block_delta"))
                .map(f -> f.json().path("delta"))
                .toList();
        assertThat(deltas)
                .extracting(d -> d.path("type").asString())
                .contains("thinking_delta", "signature_delta", "input_json_delta");
        var json = deltas.stream()
                .filter(d -> d.path("type").asString().equals("input_json_delta"))
                .map(d -> d.path("partial_json").asString())
                .reduce("", String::concat);
        assertThat(json).isEqualTo("{\"filePath\":\"NOTES.md\"}");
        var end = frames.get(frames.size() - 2).json();
        assertThat(end.path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(end.path("usage").path("output_tokens").asLong()).isEqualTo(20);
        var recorded = llm.requests().getFirst();
        assertThat(recorded.api()).isEqualTo(Api.MESSAGES);
        assertThat(recorded.credential()).isEqualTo("sk-ant-test");
        assertThat(recorded.authorization()).isNull();
        assertThat(recorded.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(recorded.reasoningEffort()).isEqualTo("enabled");
        assertThat(recorded.thinkingBudget()).isEqualTo(24_000);
    }

    @Test
    void toolResultsComeBackAsAUserMessageThatIsNotTheNewestPrompt() throws Exception {
        var messages = List.of(
                user("please tidy-notes"),
                Map.<String, Object>of(
                        "role",
                        "assistant",
                        "content",
                        List.of(Map.of("type", "tool_use", "id", "toolu_1", "name", "read", "input", Map.of()))),
                Map.<String, Object>of(
                        "role",
                        "user",
                        "content",
                        List.of(Map.of("type", "tool_result", "tool_use_id", "toolu_1", "content", "fine"))));

        var answer = client.send(Api.MESSAGES, request(messages, true));

        var text = answer.frames().stream()
                .filter(f -> f.type().equals("content_block_delta"))
                .map(f -> f.json().path("delta").path("text").asString(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("The notes are tidy.");
        assertThat(answer.frames()
                        .get(answer.frames().size() - 2)
                        .json()
                        .path("delta")
                        .path("stop_reason")
                        .asString())
                .isEqualTo("end_turn");
        assertThat(llm.turns("tidy-notes")).singleElement().satisfies(r -> {
            assertThat(r.lastUserText()).isEqualTo("please tidy-notes");
            assertThat(r.step()).isEqualTo(1);
        });
    }

    @Test
    void answersWithOneMessageWhenNotStreaming() throws Exception {
        var body = client.send(Api.MESSAGES, request(List.of(user("please tidy-notes")), false))
                .json();

        assertThat(body.path("type").asString()).isEqualTo("message");
        assertThat(body.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(body.path("content").path(1).path("input").path("filePath").asString())
                .isEqualTo("NOTES.md");
        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(100);
        assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(20);
    }

    @Test
    void failsWithAnAnthropicErrorBodyAndRetryAfter() throws Exception {
        llm.script("too-busy", Reply.rateLimited(Duration.ofMillis(1500)));
        llm.script("broken", Reply.failure(500, "it broke"));

        var limited = client.send(Api.MESSAGES, request(List.of(user("too-busy")), true));
        var broken = client.send(Api.MESSAGES, request(List.of(user("broken")), true));

        assertThat(limited.response().statusCode()).isEqualTo(429);
        assertThat(limited.response().headers().firstValue("retry-after")).hasValue("2");
        assertThat(limited.json().path("type").asString()).isEqualTo("error");
        assertThat(limited.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(broken.json().path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(broken.json().path("error").path("message").asString()).isEqualTo("it broke");
    }
}
