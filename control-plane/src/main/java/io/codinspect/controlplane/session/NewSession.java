package io.codinspect.controlplane.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request to start a session.
 *
 * @param repository {@code owner/name} of a GitHub repository, a git URL ({@code https://},
 *     {@code http://}, {@code ssh://}, {@code git://}, {@code user@host:path}, {@code file:///}) or the
 *     absolute path of a local repository, within the rules of docs/api.md#repository
 * @param baseBranch the branch to start from; {@code main} when left out; never starting with
 *     {@code -}, which git would read as an option
 */
public record NewSession(
        @NotBlank @Size(max = 2000) String repository,

        @Size(max = 250) @Pattern(regexp = "[A-Za-z0-9._][A-Za-z0-9._/-]*", message = "is not a valid branch name")
        String baseBranch,

        @Size(max = 200) String title,

        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+/[A-Za-z0-9._:/@-]+", message = "must be provider/model")
        String model,

        @Pattern(
                regexp = "none|minimal|low|medium|high|xhigh|max",
                message = "must be one of none, minimal, low, medium, high, xhigh, max")
        String reasoningEffort) {

    public NewSession {
        if (baseBranch == null || baseBranch.isBlank()) {
            baseBranch = "main";
        }
    }
}
