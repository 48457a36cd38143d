package io.codinspect.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelRequestTest {

    private static ModelRequest read(String json) {
        return ModelRequest.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatTheGatewayChecksFromEachApisRequestsAndNothingElse() {
        var anthropic = read("""
                {"model":"claude-sonnet-4-5","max_tokens":32000,"system":[{"type":"text","text":"x"}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],
                 "tools":[{"name":"bash","input_schema":{"type":"object","properties":{"type":{"type":"string"}}}}],
                 "stream":true}""");
        assertThat(anthropic.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(anthropic.stream()).isTrue();
        assertThat(anthropic.providerTool())
                .as("a client tool without a type is the agent's")
                .isEmpty();

        var responses = read("""
                {"model":"gpt-5","input":[],"tools":[{"type":"function","name":"bash"}],"stream":true}""");
        assertThat(responses.providerTool()).isEmpty();
        assertThat(responses.includeUsage()).isFalse();

        var chat = read("""
                {"model":"m1","stream":true,"stream_options":{"include_usage":true},"messages":[]}""");
        assertThat(chat.includeUsage()).isTrue();
    }

    @Test
    void findsTheProvidersOwnToolsAndServersAndRefusesKeysGivenTwice() {
        assertThat(read("{\"model\":\"gpt-5\",\"tools\":[{\"type\":\"function\"},{\"type\":\"web_search\"}]}")
                        .providerTool())
                .contains("web_search");
        assertThat(read("{\"model\":\"m\",\"tools\":[\"oops\"]}").providerTool())
                .contains("(not an object)");
        assertThat(read("{\"model\":\"m\",\"mcp_servers\":[{\"url\":\"https://x\"}]}")
                        .providerServers())
                .isTrue();
        assertThat(read("{\"model\":\"m\",\"background\":true}").background()).isTrue();
        assertThatThrownBy(() -> read("{\"model\":\"m1\",\"model\":\"other\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("{\"model\":\"m1\"} {}")).isInstanceOf(IllegalArgumentException.class);
    }
}
