package io.codinspect.client;

/**
 * A GitHub repository the control plane's App can reach, on which sessions can be started.
 *
 * @param fullName {@code owner/name}, as given to {@link NewSession#repository()}
 */
public record Repository(String fullName, String owner, String name, boolean isPrivate, String defaultBranch) {}
