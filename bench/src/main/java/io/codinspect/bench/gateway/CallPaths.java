package io.codinspect.bench.gateway;

import io.codinspect.testkit.llm.FakeLlm;
import java.net.URI;
import java.util.List;

/**
 * The two ways the benchmark calls the model: directly at the fake LLM with the provider's key, or
 * through the gateway with one of the sandboxes' agent tokens (in turn), as their agents would.
 */
record CallPaths(FakeLlm llm, ModelStreams streams, String key, URI gateway, List<String> agentTokens) {

    ModelStreams.Timing direct(byte[] body) {
        return streams.stream(URI.create(llm.baseUrl() + "/chat/completions"), key, body);
    }

    ModelStreams.Timing gateway(int i, byte[] body) {
        return streams.stream(gateway, agentToken(i), body);
    }

    String agentToken(int i) {
        return agentTokens.get(i % agentTokens.size());
    }

    /** When the fake received its latest request: that of the call just timed, when calls are made one at a time. */
    long reached() {
        return llm.requests().getLast().receivedNanos();
    }
}
