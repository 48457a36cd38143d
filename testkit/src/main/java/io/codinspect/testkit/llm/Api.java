package io.codinspect.testkit.llm;

/** The provider APIs the fake serves, each at its own path and with its own credential header. */
public enum Api {
    /** OpenAI Chat Completions, as {@code @ai-sdk/openai-compatible} calls it. */
    CHAT_COMPLETIONS("/v1/chat/completions", "authorization"),
    /** The OpenAI Responses API, as {@code @ai-sdk/openai} calls it. */
    RESPONSES("/v1/responses", "authorization"),
    /** The Anthropic Messages API, as {@code @ai-sdk/anthropic} calls it. */
    MESSAGES("/v1/messages", "x-api-key");

    private final String path;
    private final String credentialHeader;

    Api(String path, String credentialHeader) {
        this.path = path;
        this.credentialHeader = credentialHeader;
    }

    /** The request path, below the fake's root ({@link FakeLlm#baseUrl()} ends in {@code /v1}). */
    public String path() {
        return path;
    }

    /** The lower-case name of the header that carries the client's credential. */
    public String credentialHeader() {
        return credentialHeader;
    }
}
