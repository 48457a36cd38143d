package io.codinspect.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesTest {

    private final FakeLlm llm = FakeLlm.start(0)
            .script(
                    "check-notes",
                    Reply.stream(
                            new Chunk.Reasoning("The user wants the notes checked."),
                            new Chunk.Text("Reading them."),
                            new Chunk.ToolCall("read", "{\"filePath\":\"NOTES.md\"}")),
                    Reply.text("The notes are fine."));
    private final LlmClient client = new LlmClient(llm);

    @AfterEach
    void stop() {
        llm.close();
    }

    private static Map<String, Object> request(List<Map<String, Object>> input, boolean stream) {
        return Map.of(
                "model",
                "gpt-5",
                "stream",
                stream,
                "store",
                false,
                "include",
                List.of("reasoning.encrypted_content"),
                "reasoning",
                Map.of("effort", "high", "summary", "auto"),
                "input",
                input,
                "tools",
                LlmClient.tools(Api.RESPONSES));
    }

    private static Map<String, Object> user(String text) {
        return Map.of("role", "user", "content", List.of(Map.of("type", "input_text", "text", text)));
    }

    @Test
    void streamsReasoningTextAndAFunctionCallAsTypedNumberedEvents() throws Exception {
        var answer = client.send(Api.RESPONSES, request(List.of(user("please check-notes")), true));

        var frames = answer.frames();
        assertThat(frames).allSatisfy(f -> assertThat(f.event()).isEqualTo(f.type()));
        assertThat(frames.stream().map(f -> f.json().path("sequence_number").asInt()))
                .containsExactlyElementsOf(
                        IntStream.range(0, frames.size()).boxed().toList());
        assertThat(frames.stream().map(LlmClient.Frame::type).distinct())
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.reasoning_summary_part.added",
                        "response.reasoning_summary_text.delta",
                        "response.reasoning_summary_text.done",
                        "response.reasoning_summary_part.done",
                        "response.output_item.done",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.completed");
        var created = frames.getFirst().json().path("response");
        assertThat(created.path("id").asString()).startsWith("resp_");
        assertThat(created.path("model").asString()).isEqualTo("gpt-5");
        var items = frames.stream()
                .filter(f -> f.type().equals("response.output_item.done"))
                .map(f -> f.json().path("item"))
                .toList();
        assertThat(items)
                .extracting(i -> i.path("type").asString())
                .containsExactly("reasoning", "message", "function_call");
        assertThat(items.get(0).path("encrypted_content").asString()).isNotBlank();
        assertThat(items.get(1).path("content").path(0).path("text").asString()).isEqualTo("Reading them.");
        var call = items.get(2);
        assertThat(call.path("status").asString()).isEqualTo("completed");
        assertThat(call.path("call_id").asString()).startsWith("call_");
        assertThat(call.path("arguments").asString()).isEqualTo("{\"filePath\":\"NOTES.md\"}");
        var deltas = frames.stream()
                .filter(f -> f.type().equals("response.function_call_arguments.delta"))
                .map(f -> f.json())
                .toList();
        assertThat(deltas)
                .allSatisfy(d -> assertThat(d.path("item_id").asString())
                        .isEqualTo(call.path("id").asString()));
        var completed = frames.getLast().json().path("response");
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        assertThat(completed.path("output")).hasSize(3);
        var usage = completed.path("usage");
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(130);
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(30);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(20);
        assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asLong())
                .isEqualTo(5);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(150);
        var recorded = llm.requests().getFirst();
        assertThat(recorded.api()).isEqualTo(Api.RESPONSES);
        assertThat(recorded.reasoningEffort()).isEqualTo("high");
        assertThat(recorded.credential()).isEqualTo("Bearer sk-test");
    }

    @Test
    void countsATurnOfSeveralItemsOnceWhetherSentWholeOrAsReferences() throws Exception {
        var whole = List.of(
                user("please check-notes"),
                Map.<String, Object>of(
                        "type", "reasoning", "id", "rs_1", "encrypted_content", "x", "summary", List.of()),
                Map.<String, Object>of(
                        "role",
                        "assistant",
                        "content",
                        List.of(Map.of("type", "output_text", "text", "Reading them."))),
                Map.<String, Object>of("type", "function_call", "call_id", "call_1", "name", "read", "arguments", "{}"),
                Map.<String, Object>of("type", "function_call_output", "call_id", "call_1", "output", "fine"));
        var referenced = List.of(
                user("please check-notes"),
                Map.<String, Object>of("type", "item_reference", "id", "rs_1"),
                Map.<String, Object>of("type", "item_reference", "id", "msg_1"),
                Map.<String, Object>of("type", "item_reference", "id", "fc_1"),
                Map.<String, Object>of("type", "function_call_output", "call_id", "call_1", "output", "fine"));

        for (var input : List.of(whole, referenced)) {
            var text = client.send(Api.RESPONSES, request(input, true)).frames().stream()
                    .filter(f -> f.type().equals("response.output_text.delta"))
                    .map(f -> f.json().path("delta").asString())
                    .reduce("", String::concat);
            assertThat(text).isEqualTo("The notes are fine.");
        }
        assertThat(llm.turns("check-notes")).extracting(RecordedRequest::step).containsExactly(1, 1);
    }

    @Test
    void answersWithOneResponseWhenNotStreaming() throws Exception {
        var answer = client.send(Api.RESPONSES, request(List.of(user("please check-notes")), false));

        var body = answer.json();
        assertThat(body.path("object").asString()).isEqualTo("response");
        assertThat(body.path("output"))
                .extracting(i -> i.path("type").asString())
                .containsExactly("reasoning", "message", "function_call");
        assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(130);
    }

    @Test
    void failsWithAnOpenAiErrorBody() throws Exception {
        llm.script("refuse-this", Reply.failure(400, "bad input"));

        var answer = client.send(Api.RESPONSES, request(List.of(user("refuse-this")), true));

        assertThat(answer.response().statusCode()).isEqualTo(400);
        assertThat(answer.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(answer.json().path("error").path("message").asString()).isEqualTo("bad input");
        assertThat(llm.requests().getFirst().usage()).isNull();
    }
}
