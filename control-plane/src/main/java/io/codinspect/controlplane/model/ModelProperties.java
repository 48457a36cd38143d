package io.codinspect.controlplane.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The models users may pick. Anthropic and OpenAI are predefined in {@code application.yml} with
 * their keys taken from {@code ANTHROPIC_API_KEY} and {@code OPENAI_API_KEY}; any number of
 * OpenAI-compatible servers can be added under {@code codinspect.models.providers.<id>}.
 *
 * @param providers model providers by id; the id is the first half of a model name
 *     ({@code <provider>/<model>})
 * @param defaultModel the model of prompts and sessions that name none, as {@code provider/model};
 *     when unset, the first model of the first provider that has a key
 * @param gatewayUrl where sandboxes reach the model gateway (this control plane), without a path;
 *     {@code http://127.0.0.1:<port>} when unset; the in-cluster service URL on Kubernetes
 * @param connectTimeout how long the gateway waits to connect to a provider
 * @param responseTimeout how long the gateway waits for a provider's response headers
 * @param idleTimeout how long a provider's stream may stay silent before the call is cut
 * @param maxRequestBytes the largest model request the gateway accepts (a long conversation is
 *     several MiB)
 * @param maxConcurrentCalls how many model calls one control plane relays at once; more get 503
 *     with {@code Retry-After}
 * @param maxCallsPerSandbox how many of them one sandbox may make at once (OpenCode makes one or
 *     two); more get 429 with {@code Retry-After}
 */
@ConfigurationProperties("codinspect.models")
public record ModelProperties(
        @DefaultValue Map<String, Provider> providers,
        String defaultModel,
        String gatewayUrl,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("120s") Duration responseTimeout,
        @DefaultValue("300s") Duration idleTimeout,
        @DefaultValue("16777216") int maxRequestBytes,
        @DefaultValue("512") int maxConcurrentCalls,
        @DefaultValue("16") int maxCallsPerSandbox) {

    /** Kinds of provider OpenCode can talk to. */
    public enum ProviderType {
        anthropic,
        openai,
        openai_compatible
    }

    /**
     * One model provider.
     *
     * @param type {@code anthropic}, {@code openai} or {@code openai-compatible}
     * @param name a display name; the id when left out
     * @param baseUrl the API's base URL, e.g. {@code http://vllm.internal:8000/v1}; required for
     *     {@code openai-compatible}, optional for the others
     * @param apiKey the provider's API key; a provider without one is not offered (except
     *     {@code openai-compatible} servers, which may need none)
     * @param models the model ids offered to users
     * @param contextLimit context window assumed for the models, in tokens
     * @param outputLimit longest answer asked for, in tokens
     * @param prices USD per million tokens, by model id; a model without a price has its cost
     *     shown as unknown
     */
    public record Provider(
            ProviderType type,
            String name,
            String baseUrl,
            String apiKey,
            @DefaultValue List<String> models,
            @DefaultValue("128000") int contextLimit,
            @DefaultValue("8192") int outputLimit,
            @DefaultValue Map<String, Price> prices) {

        @Override
        public String toString() {
            return "Provider[type=%s, baseUrl=%s, apiKey=%s, models=%s]"
                    .formatted(type, baseUrl, apiKey == null || apiKey.isBlank() ? "unset" : "***", models);
        }
    }

    /**
     * What a model costs, in USD per million tokens of each kind. Reasoning tokens are billed as
     * output tokens by every provider (they are part of the output count), so they have no price
     * of their own.
     *
     * @param input uncached input tokens
     * @param output output tokens, reasoning included
     * @param cacheRead input tokens read from the provider's prompt cache
     * @param cacheWrite input tokens written to the provider's prompt cache; the input price when unset
     */
    public record Price(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {}
}
