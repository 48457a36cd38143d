package io.codinspect.controlplane.github;

import java.util.UUID;

/**
 * A session's pull request was opened or its state changed (draft, open, merged, closed). Published
 * inside the transaction that records it, so a listener's writes commit or roll back with it.
 */
public record PullRequestChanged(UUID sessionId, int number, String url, String state) {}
