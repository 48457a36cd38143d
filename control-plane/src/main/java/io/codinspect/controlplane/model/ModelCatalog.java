package io.codinspect.controlplane.model;

import io.codinspect.controlplane.system.ControlPlaneException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The models configured under {@code codinspect.models}: which ones users may pick, which one is
 * the default, and the agent configuration that gives sandboxes access to them.
 */
@Service
public class ModelCatalog {

    private final Map<String, ModelProperties.Provider> providers = new LinkedHashMap<>();
    private final List<Model> models = new ArrayList<>();
    private final String defaultModel;

    ModelCatalog(ModelProperties properties) {
        properties.providers().forEach((id, provider) -> {
            validate(id, provider);
            if (enabled(provider)) {
                providers.put(id, provider);
            }
        });
        var first = providers.entrySet().stream()
                .filter(e -> !e.getValue().models().isEmpty())
                .map(e -> e.getKey() + "/" + e.getValue().models().getFirst())
                .findFirst();
        this.defaultModel = Optional.ofNullable(properties.defaultModel())
                .filter(m -> !m.isBlank())
                .or(() -> first)
                .orElse(null);
        providers.forEach((id, provider) -> provider.models()
                .forEach(model -> models.add(new Model(
                        id + "/" + model,
                        id,
                        provider.name() == null ? id : provider.name(),
                        model,
                        (id + "/" + model).equals(defaultModel)))));
        if (defaultModel != null && models.stream().noneMatch(m -> m.id().equals(defaultModel))) {
            throw new IllegalStateException("codinspect.models.default-model is '" + defaultModel
                    + "', which is not a model of a provider with a key; the models available are: "
                    + models.stream().map(Model::id).toList());
        }
    }

    public List<Model> models() {
        return List.copyOf(models);
    }

    /** The model of prompts and sessions that name none, if any is configured. */
    public Optional<String> defaultModel() {
        return Optional.ofNullable(defaultModel);
    }

    /** Refuses a model users may not pick, with a 400 that says where to look. */
    public void check(String model) {
        if (model != null && models.stream().noneMatch(m -> m.id().equals(model))) {
            throw ControlPlaneException.badRequest("model '" + model + "' is not offered here; GET /api/models lists "
                    + (models.isEmpty() ? "none: no model provider is configured" : "the models you may use"));
        }
    }

    /** An offered provider, by id. */
    public Optional<ModelProperties.Provider> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Whether users may pick {@code provider/model}. */
    public boolean offers(String provider, String model) {
        return models.stream()
                .anyMatch(m -> m.provider().equals(provider) && m.model().equals(model));
    }

    /** The providers sandboxes are given, by id. */
    Map<String, ModelProperties.Provider> providers() {
        return Map.copyOf(providers);
    }

    private static boolean enabled(ModelProperties.Provider provider) {
        return provider.type() == ModelProperties.ProviderType.openai_compatible
                || (provider.apiKey() != null && !provider.apiKey().isBlank());
    }

    private static void validate(String id, ModelProperties.Provider provider) {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalStateException("codinspect.models.providers." + id
                    + ": a provider id may hold only letters, digits, '.', '_' and '-'");
        }
        if (provider.type() == null) {
            throw new IllegalStateException(
                    "codinspect.models.providers." + id + ".type is required: anthropic, openai or openai-compatible");
        }
        if (provider.type() == ModelProperties.ProviderType.openai_compatible
                && (provider.baseUrl() == null || provider.baseUrl().isBlank())) {
            throw new IllegalStateException(
                    "codinspect.models.providers." + id + ".base-url is required for an openai-compatible provider");
        }
    }
}
