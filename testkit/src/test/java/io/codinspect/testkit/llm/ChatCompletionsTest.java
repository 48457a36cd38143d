package io.codinspect.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {

    private final FakeLlm llm = FakeLlm.start(0)
            .script(
                    "make-notes",
                    Reply.tool("read", Map.of("filePath", "NOTES.md")),
                    Reply.text("The notes are empty."));
    private final LlmClient client = new LlmClient(llm);

    @AfterEach
    void stop() {
        llm.close();
    }

    private static Map<String, Object> request(List<Map<String, Object>> messages, boolean stream) {
        return Map.of(
                "model",
                "m1",
                "stream",
                stream,
                "stream_options",
                Map.of("include_usage", true),
                "messages",
                messages,
                "tools",
                LlmClient.tools(Api.CHAT_COMPLETIONS));
    }

    @Test
    void streamsAToolCallThenAUsageChunkWithCacheAndReasoningDetails() throws Exception {
        var answer = client.send(
                Api.CHAT_COMPLETIONS, request(List.of(Map.of("role", "user", "content", "please make-notes")), true));

        var frames = answer.frames();
        assertThat(answer.response().headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(frames.getLast().data()).isEqualTo("[DONE]");
        var call = frames.getFirst()
                .json()
                .path("choices")
                .path(0)
                .path("delta")
                .path("tool_calls")
                .path(0);
        assertThat(call.path("id").asString()).startsWith("call_");
        assertThat(call.path("function").path("name").asString()).isEqualTo("read");
        var arguments = frames.subList(0, 2).stream()
                .map(f -> f.json()
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("tool_calls")
                        .path(0))
                .map(c -> c.path("function").path("arguments").asString())
                .reduce("", String::concat);
        assertThat(arguments).isEqualTo("{\"filePath\":\"NOTES.md\"}");
        assertThat(frames.get(2)
                        .json()
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asString())
                .isEqualTo("tool_calls");
        var usage = frames.get(3).json().path("usage");
        assertThat(frames.get(3).json().path("choices").isEmpty()).isTrue();
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(130);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(30);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(20);
        assertThat(usage.path("completion_tokens_details")
                        .path("reasoning_tokens")
                        .asLong())
                .isEqualTo(5);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(150);
    }

    @Test
    void theRequestAfterAToolResultGetsTheNextReplyAndIsRecorded() throws Exception {
        var messages = List.<Map<String, Object>>of(
                Map.of("role", "system", "content", "You are a coder."),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "please make-notes"))),
                Map.of("role", "assistant", "content", "", "tool_calls", List.of()),
                Map.of("role", "tool", "tool_call_id", "call_1", "content", "(empty)"));

        var answer = client.send(Api.CHAT_COMPLETIONS, request(messages, true));

        var text = answer.frames().stream()
                .filter(f -> !f.data().equals("[DONE]"))
                .map(f -> f.json()
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("content")
                        .asString(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("The notes are empty.");
        var recorded = llm.turns("make-notes").getFirst();
        assertThat(recorded.api()).isEqualTo(Api.CHAT_COMPLETIONS);
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.authorization()).isEqualTo("Bearer sk-test");
        assertThat(recorded.credential()).isEqualTo("Bearer sk-test");
        assertThat(recorded.header("Content-Type")).isEqualTo("application/json");
        assertThat(recorded.step()).isEqualTo(1);
        assertThat(recorded.usage()).isEqualTo(Usage.DEFAULT);
    }

    @Test
    void answersWithOneCompletionWhenNotStreaming() throws Exception {
        llm.usage(new Usage(7, 3, 0, 0, 0));

        var answer = client.send(
                Api.CHAT_COMPLETIONS, request(List.of(Map.of("role", "user", "content", "please make-notes")), false));

        var body = answer.json();
        assertThat(answer.response().headers().firstValue("content-type")).hasValue("application/json");
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        var choice = body.path("choices").path(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message")
                        .path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("arguments")
                        .asString())
                .isEqualTo("{\"filePath\":\"NOTES.md\"}");
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(7);
        assertThat(body.path("usage").path("completion_tokens").asLong()).isEqualTo(3);
        assertThat(llm.requests().getFirst().usage()).isEqualTo(new Usage(7, 3, 0, 0, 0));
    }
}
