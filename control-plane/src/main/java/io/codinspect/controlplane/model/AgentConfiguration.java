package io.codinspect.controlplane.model;

import io.codinspect.model.event.EventCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * OpenCode's configuration for one sandbox, generated from the model catalog: every provider with
 * its models and a variant per reasoning effort (a prompt's effort is sent as its variant),
 * permissions that never stop a headless run to ask, and nothing that calls home. Every provider
 * points at the control plane's model gateway ({@code <gateway-url>/llm/<provider>}) with the
 * sandbox's agent token as its key: no provider key is ever in it.
 */
@Component
public class AgentConfiguration {

    private static final List<String> EFFORTS = List.of("minimal", "low", "medium", "high", "xhigh", "max");
    private static final Map<String, Integer> THINKING_BUDGETS =
            Map.of("minimal", 1024, "low", 4096, "medium", 10_000, "high", 24_000, "xhigh", 32_000, "max", 48_000);

    private final ModelCatalog catalog;
    private final GatewayAddress gateway;

    AgentConfiguration(ModelCatalog catalog, GatewayAddress gateway) {
        this.catalog = catalog;
        this.gateway = gateway;
    }

    /** The configuration of the sandbox whose agent holds {@code agentToken}. */
    public String json(String agentToken) {
        var config = new LinkedHashMap<String, Object>();
        config.put("$schema", "https://opencode.ai/config.json");
        config.put("autoupdate", false);
        config.put("share", "disabled");
        var providers = new LinkedHashMap<String, Object>();
        catalog.providers()
                .forEach((id, provider) -> providers.put(id, provider(id, provider, gateway.of(id), agentToken)));
        config.put("provider", providers);
        config.put("enabled_providers", List.copyOf(providers.keySet()));
        catalog.defaultModel().ifPresent(model -> {
            config.put("model", model);
            config.put("small_model", model);
        });
        var permission = new LinkedHashMap<String, Object>();
        for (var tool : List.of("edit", "bash", "webfetch", "websearch", "external_directory", "doom_loop")) {
            permission.put(tool, "allow");
        }
        permission.put("question", "deny"); // nobody is there to answer
        config.put("permission", permission);
        return EventCodec.mapper().writeValueAsString(config);
    }

    private static Map<String, Object> provider(
            String id, ModelProperties.Provider provider, String baseUrl, String agentToken) {
        var options = new LinkedHashMap<String, Object>();
        options.put("baseURL", baseUrl);
        options.put("apiKey", agentToken);
        var models = new LinkedHashMap<String, Object>();
        for (var model : provider.models()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", model);
            entry.put("tool_call", true);
            entry.put("limit", Map.of("context", provider.contextLimit(), "output", provider.outputLimit()));
            entry.put("variants", variants(provider.type()));
            models.put(model, entry);
        }
        var result = new LinkedHashMap<String, Object>();
        result.put(
                "npm",
                switch (provider.type()) {
                    case anthropic -> "@ai-sdk/anthropic";
                    case openai -> "@ai-sdk/openai";
                    case openai_compatible -> "@ai-sdk/openai-compatible";
                });
        result.put("name", provider.name() == null ? id : provider.name());
        result.put("options", options);
        result.put("models", models);
        return result;
    }

    private static Map<String, Object> variants(ModelProperties.ProviderType type) {
        var variants = new LinkedHashMap<String, Object>();
        for (var effort : EFFORTS) {
            variants.put(
                    effort,
                    type == ModelProperties.ProviderType.anthropic
                            ? Map.of(
                                    "thinking", Map.of("type", "enabled", "budgetTokens", THINKING_BUDGETS.get(effort)))
                            : Map.of("reasoningEffort", effort));
        }
        return variants;
    }
}
