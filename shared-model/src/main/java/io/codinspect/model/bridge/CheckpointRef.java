package io.codinspect.model.bridge;

/**
 * Where a session's checkpoints live in its repository: the sandbox pushes a running turn's
 * working tree there, the next sandbox restores it, the control plane deletes it on archive.
 */
public final class CheckpointRef {

    private CheckpointRef() {}

    public static String of(String sessionId) {
        return "refs/codinspect/checkpoints/" + sessionId;
    }
}
