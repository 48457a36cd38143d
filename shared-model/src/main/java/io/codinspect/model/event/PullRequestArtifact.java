package io.codinspect.model.event;

/**
 * The session's pull request, reported when it is opened or updated and whenever its state
 * changes (open, draft, merged, closed).
 *
 * @param openedBy the GitHub login that opened it (the user, or the App when the user has no
 *     GitHub sign-in)
 */
public record PullRequestArtifact(String promptId, int number, String url, String state, String branch, String openedBy)
        implements SessionEvent {}
