package io.codinspect.client;

/**
 * A request to open (or update) a session's pull request; every field may be null.
 *
 * @param title at most 256 characters; null: the session's title
 * @param body at most 60,000 characters of Markdown
 * @param baseBranch null: the session's base branch
 * @param draft open as a draft (a repository policy may require it anyway)
 */
public record NewPullRequest(String title, String body, String baseBranch, Boolean draft) {

    /** Everything from the session. */
    public static final NewPullRequest DEFAULTS = new NewPullRequest(null, null, null, null);
}
