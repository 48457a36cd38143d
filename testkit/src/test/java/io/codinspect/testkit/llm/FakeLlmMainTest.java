package io.codinspect.testkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeLlmMainTest {

    private final FakeLlm llm = FakeLlm.start(0);
    private final LlmClient client = new LlmClient(llm);

    @AfterEach
    void stop() {
        llm.close();
    }

    @Test
    void aScriptFileCanHoldAFlakyRateLimitWithRetryAfter() throws Exception {
        FakeLlmMain.load(llm, Json.parse("""
                {"scripts": [{"trigger": "from-file", "replies": [
                  {"failFirst": 1, "failure": {"status": 429, "message": "later", "retryAfterMs": 1000},
                   "then": {"text": "Now."}}]}]}
                """));
        var request = Map.of(
                "model",
                "claude-sonnet-4-5",
                "stream",
                true,
                "messages",
                List.of(Map.of("role", "user", "content", "from-file")),
                "tools",
                LlmClient.tools(Api.MESSAGES));

        var first = client.send(Api.MESSAGES, request);
        var second = client.send(Api.MESSAGES, request);

        assertThat(first.response().statusCode()).isEqualTo(429);
        assertThat(first.response().headers().firstValue("retry-after")).hasValue("1");
        assertThat(first.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(second.response().statusCode()).isEqualTo(200);
        assertThat(second.frames()).extracting(LlmClient.Frame::type).contains("message_stop");
    }
}
