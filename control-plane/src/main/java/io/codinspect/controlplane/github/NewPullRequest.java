package io.codinspect.controlplane.github;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request to open (or update) the session's pull request; every field is optional.
 *
 * @param title defaults to the session's title
 * @param baseBranch defaults to the session's base branch
 * @param draft open as a draft (a repository policy may require it anyway)
 */
public record NewPullRequest(
        @Size(max = 256) String title,
        @Size(max = 60000) String body,

        @Size(max = 250) @Pattern(regexp = "[A-Za-z0-9._/-]+", message = "is not a valid branch name")
        String baseBranch,

        Boolean draft) {}
