package io.codinspect.controlplane.session;

import io.codinspect.controlplane.prompt.NewPrompt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * A request to start a session.
 *
 * @param repository {@code owner/name} of a GitHub repository, a git URL ({@code https://},
 *     {@code http://}, {@code ssh://}, {@code git://}, {@code user@host:path}, {@code file:///}) or the
 *     absolute path of a local repository, within the rules of docs/api.md#repository; null makes
 *     the session {@code awaiting_repository} until a PATCH names one
 * @param baseBranch the branch to start from; the person's preference for the repository, else
 *     {@code main}, when left out; never starting with {@code -}, which git would read as an option
 * @param externalKey a unique key (docs/bots.md): creating with a key that exists answers that session
 * @param prompt the first prompt, queued with the session
 * @param botData what the creating bot keeps on the session (JSON, at most 4 KiB)
 * @param pullRequest the number of an open pull request of the repository to work on: the session's
 *     branch is its head branch (in the repository itself, not a fork) and its base the pull
 *     request's; {@code baseBranch} is then left out
 */
public record NewSession(
        @Size(max = 2000) String repository,

        @Size(max = 250) @Pattern(regexp = "[A-Za-z0-9._][A-Za-z0-9._/-]*", message = "is not a valid branch name")
        String baseBranch,

        @Size(max = 200) String title,

        @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+/[A-Za-z0-9._:/@-]+", message = "must be provider/model")
        String model,

        @Pattern(
                regexp = "none|minimal|low|medium|high|xhigh|max",
                message = "must be one of none, minimal, low, medium, high, xhigh, max")
        String reasoningEffort,

        @Size(max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces")
        String externalKey,

        @Valid NewPrompt prompt,

        JsonNode botData,

        @Positive Integer pullRequest) {

    public NewSession(String repository, String baseBranch, String title, String model, String reasoningEffort) {
        this(repository, baseBranch, title, model, reasoningEffort, null, null, null, null);
    }

    public NewSession {
        if (repository != null && repository.isBlank()) {
            repository = null;
        }
        if (baseBranch != null && baseBranch.isBlank()) {
            baseBranch = null;
        }
    }
}
