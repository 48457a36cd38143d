package io.codinspect.client;

import java.util.List;
import java.util.Map;

/**
 * A person's defaults for new sessions and prompts ({@code /api/me/preferences}).
 *
 * @param model {@code provider/model}, one the catalog lists; null: the deployment's default
 * @param reasoningEffort null: the model's default
 * @param baseBranches the branch to start from per repository ({@code owner/name}); never null
 */
public record Preferences(String model, String reasoningEffort, Map<String, String> baseBranches) {

    public static final Preferences NONE = new Preferences(null, null, Map.of());

    /** The reasoning efforts the control plane accepts, least to most. */
    public static final List<String> REASONING_EFFORTS =
            List.of("none", "minimal", "low", "medium", "high", "xhigh", "max");

    public Preferences {
        baseBranches = baseBranches == null ? Map.of() : Map.copyOf(baseBranches);
    }

    /** The branch to start from in {@code repository}, or null if the person chose none. */
    public String baseBranchFor(String repository) {
        return repository == null ? null : baseBranches.get(repository);
    }
}
