package io.codinspect.controlplane.sandbox.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills what a dead supervisor left running (the agent, a hook's server): every process whose
 * working folder is inside the sandbox's folder. Linux only ({@code /proc}); elsewhere a no-op.
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {}

    static void kill(Path sandboxDir) {
        var root = sandboxDir.toAbsolutePath().normalize();
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                var cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
                if (cwd.normalize().startsWith(root)) {
                    log.info("Killing pid {} left behind in {}", process.pid(), root);
                    process.destroyForcibly();
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // not ours to look at, gone already, or no /proc
            }
        });
    }
}
