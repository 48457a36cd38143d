package io.codinspect.controlplane.user;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A person's defaults for new sessions and prompts; the web UI's composer and the bots start from them.
 *
 * @param model {@code provider/model}, one the catalog lists; null: the deployment's default
 * @param reasoningEffort null: the model's default
 * @param baseBranches the branch to start from per repository ({@code owner/name} or as the
 *     repository is given), instead of {@code main}
 */
public record Preferences(
        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+/[A-Za-z0-9._:/@-]+", message = "must be provider/model")
        String model,

        @Pattern(
                regexp = "none|minimal|low|medium|high|xhigh|max",
                message = "must be one of none, minimal, low, medium, high, xhigh, max")
        String reasoningEffort,

        @Size(max = 100)
        Map<
                        @Size(min = 1, max = 2000) String,
                        @Size(max = 250)
                        @Pattern(regexp = "[A-Za-z0-9._][A-Za-z0-9._/-]*", message = "is not a valid branch name")
                        String>
                baseBranches) {

    public static final Preferences NONE = new Preferences(null, null, Map.of());

    public Preferences {
        baseBranches = baseBranches == null ? Map.of() : Map.copyOf(baseBranches);
    }

    /** The branch to start from in {@code repository}, if the person chose one. */
    public String baseBranchFor(String repository) {
        return repository == null ? null : baseBranches.get(repository);
    }
}
