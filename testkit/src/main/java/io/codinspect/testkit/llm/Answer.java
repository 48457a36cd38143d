package io.codinspect.testkit.llm;

import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Writes replies in the shape of one API; a fresh one answers each request. */
sealed interface Answer permits ChatCompletionsAnswer, ResponsesAnswer, MessagesAnswer {

    /**
     * Writes {@code reply} to {@code events} as this API streams it, and returns the same answer
     * as the single JSON body a non-streaming request gets.
     */
    Map<String, Object> write(Reply.Stream reply, Usage usage, EventStream events) throws IOException;

    /** The error body of {@code failure}. */
    Map<String, Object> error(Reply.Failure failure);

    static Answer of(Api api, JsonNode request) {
        var model = request.path("model").asString("fake-model");
        return switch (api) {
            case CHAT_COMPLETIONS ->
                new ChatCompletionsAnswer(
                        model,
                        request.path("stream_options").path("include_usage").asBoolean(false));
            case RESPONSES -> new ResponsesAnswer(model, request);
            case MESSAGES -> new MessagesAnswer(model);
        };
    }

    /** OpenAI's error body, used by both OpenAI APIs. */
    static Map<String, Object> openAiError(Reply.Failure failure) {
        return EventStream.object(
                "error",
                EventStream.object("message", failure.message(), "type", failure.type(), "param", null, "code", null));
    }
}
