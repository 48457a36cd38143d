package io.codinspect.controlplane.github;

/** How CodInspect names a pull request's state, from what GitHub reports (API or webhook). */
final class PullRequestState {

    private PullRequestState() {}

    static String of(boolean merged, boolean closed, boolean draft) {
        if (merged) {
            return "merged";
        }
        if (closed) {
            return "closed";
        }
        return draft ? "draft" : "open";
    }
}
