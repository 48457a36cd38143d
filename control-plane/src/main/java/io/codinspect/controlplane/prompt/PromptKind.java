package io.codinspect.controlplane.prompt;

/**
 * What a prompt may do to the repository. A {@link #work} prompt's changes are committed and
 * pushed to the session branch; a {@link #review} prompt only reads and answers: its sandbox's git
 * credentials cannot push while it runs, and whatever it changed in the clone is discarded when it
 * ends.
 */
public enum PromptKind {
    work,
    review
}
