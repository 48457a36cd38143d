package io.codinspect.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a local sandbox's processes by their working folder (Linux {@code /proc}). */
final class SandboxProcesses {

    private SandboxProcesses() {}

    /** The supervisor of a sandbox: a child of this JVM working in the sandbox's folder. */
    static ProcessHandle supervisor(Path dataDir, String sandboxId) throws IOException {
        var folder = dataDir.resolve("sandboxes").resolve(sandboxId).toRealPath();
        return ProcessHandle.current()
                .children()
                .filter(p -> workingFolder(p).equals(folder))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no supervisor process works in " + folder));
    }

    /** The OpenCode server of a sandbox, working in its clone. */
    static ProcessHandle opencode(Path dataDir, String sandboxId) throws IOException {
        var repo =
                dataDir.resolve("sandboxes").resolve(sandboxId).resolve("repo").toRealPath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/opencode"))
                .filter(p -> workingFolder(p).equals(repo))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no OpenCode process works in " + repo));
    }

    /** A process's environment as one string, as any process of the same user could read it. */
    static String environment(ProcessHandle process) throws IOException {
        return new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ")),
                        StandardCharsets.UTF_8)
                .replace('\0', '\n');
    }

    private static Path workingFolder(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
        } catch (IOException e) {
            return Path.of("/nonexistent");
        }
    }
}
