package io.codinspect.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codinspect.controlplane.model.ModelProperties.Provider;
import io.codinspect.controlplane.model.ModelProperties.ProviderType;
import io.codinspect.controlplane.system.ControlPlaneException;
import io.codinspect.testkit.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ModelCatalogTest {

    private static Provider provider(ProviderType type, String baseUrl, String key, String... models) {
        return new Provider(type, null, baseUrl, key, List.of(models), 128_000, 8192, Map.of());
    }

    private static Map<String, Provider> providers() {
        var providers = new LinkedHashMap<String, Provider>();
        providers.put("anthropic", provider(ProviderType.anthropic, null, "", "claude-sonnet-4-5"));
        providers.put("openai", provider(ProviderType.openai, null, "sk-openai-secret", "gpt-5", "gpt-5-mini"));
        providers.put("local", provider(ProviderType.openai_compatible, "http://gpu:8000/v1", null, "qwen"));
        return providers;
    }

    @Test
    void providersWithoutAKeyAreNotOfferedAndTheFirstOfferedModelIsTheDefault() {
        var catalog = new ModelCatalog(properties(providers(), null));
        assertThat(catalog.models())
                .extracting(Model::id)
                .containsExactly("openai/gpt-5", "openai/gpt-5-mini", "local/qwen");
        assertThat(catalog.defaultModel()).contains("openai/gpt-5");
        assertThat(catalog.models())
                .filteredOn(Model::isDefault)
                .extracting(Model::id)
                .containsExactly("openai/gpt-5");
        catalog.check("local/qwen");
        catalog.check(null);
        assertThatThrownBy(() -> catalog.check("anthropic/claude-sonnet-4-5"))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("GET /api/models");
    }

    @Test
    void aDefaultThatIsNotOfferedOrAnIncompleteProviderStopsStartUp() {
        assertThatThrownBy(() -> new ModelCatalog(properties(providers(), "anthropic/claude-sonnet-4-5")))
                .hasMessageContaining("default-model is 'anthropic/claude-sonnet-4-5'");
        assertThatThrownBy(() -> new ModelCatalog(
                        properties(Map.of("vllm", provider(ProviderType.openai_compatible, null, null, "m")), null)))
                .hasMessageContaining("codinspect.models.providers.vllm.base-url is required");
        assertThatThrownBy(() -> new ModelCatalog(properties(Map.of("x", provider(null, null, "k", "m")), null)))
                .hasMessageContaining("codinspect.models.providers.x.type is required");
    }

    private static ModelProperties properties(Map<String, Provider> providers, String defaultModel) {
        return new ModelProperties(
                providers,
                defaultModel,
                "http://control-plane.codinspect:8080/",
                Duration.ofSeconds(10),
                Duration.ofSeconds(120),
                Duration.ofSeconds(300),
                1 << 24,
                512,
                16);
    }

    @Test
    void theAgentConfigurationPointsEveryOfferedModelAtTheGatewayWithTheAgentTokenAndAVariantPerEffort() {
        var properties = properties(providers(), "local/qwen");
        var catalog = new ModelCatalog(properties);
        var configuration = new AgentConfiguration(catalog, new GatewayAddress(properties, new MockEnvironment()));
        var json = configuration.json("cia_agent-token");
        var config = Json.parse(json);
        assertThat(config.path("model").asString()).isEqualTo("local/qwen");
        assertThat(config.path("enabled_providers").toString())
                .contains("openai", "local")
                .doesNotContain("anthropic");
        var qwen = config.path("provider").path("local");
        assertThat(qwen.path("npm").asString()).isEqualTo("@ai-sdk/openai-compatible");
        assertThat(qwen.path("options").path("baseURL").asString())
                .isEqualTo("http://control-plane.codinspect:8080/llm/local");
        assertThat(config.path("provider")
                        .path("openai")
                        .path("options")
                        .path("apiKey")
                        .asString())
                .isEqualTo("cia_agent-token");
        assertThat(json).doesNotContain("sk-openai-secret").doesNotContain("gpu:8000");
        assertThat(qwen.path("models")
                        .path("qwen")
                        .path("variants")
                        .path("high")
                        .path("reasoningEffort")
                        .asString())
                .isEqualTo("high");
        assertThat(config.path("permission").path("question").asString()).isEqualTo("deny");
        assertThat(config.path("permission").path("bash").asString()).isEqualTo("allow");
        assertThat(providers().get("openai").toString()).doesNotContain("sk-openai-secret");
    }
}
