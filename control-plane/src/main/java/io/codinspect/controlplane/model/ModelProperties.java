package io.codinspect.controlplane.model;

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
 */
@ConfigurationProperties("codinspect.models")
public record ModelProperties(@DefaultValue Map<String, Provider> providers, String defaultModel) {

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
     */
    public record Provider(
            ProviderType type,
            String name,
            String baseUrl,
            String apiKey,
            @DefaultValue List<String> models,
            @DefaultValue("128000") int contextLimit,
            @DefaultValue("8192") int outputLimit) {

        @Override
        public String toString() {
            return "Provider[type=%s, baseUrl=%s, apiKey=%s, models=%s]"
                    .formatted(type, baseUrl, apiKey == null || apiKey.isBlank() ? "unset" : "***", models);
        }
    }
}
