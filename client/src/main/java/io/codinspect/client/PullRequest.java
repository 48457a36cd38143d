package io.codinspect.client;

/**
 * A session's pull request as CodInspect knows it.
 *
 * @param state {@code open}, {@code draft}, {@code closed} or {@code merged} (or a state added later)
 * @param branch the session branch it is opened from
 * @param openedBy who opened it: the person's GitHub login, or the App; nullable
 */
public record PullRequest(int number, String url, String state, String branch, String openedBy) {}
