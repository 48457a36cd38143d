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

    /** The supervisor of a sandbox: the process working in the sandbox's folder itself (not below it). */
    static java.util.Optional<ProcessHandle> supervisorIn(Path sandboxDir) {
        var root = sandboxDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(process -> root.equals(cwd(process)))
                .filter(process -> process.info().commandLine().orElse("").contains("-jar"))
                .findFirst();
    }

    private static Path cwd(ProcessHandle process) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                    .normalize();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

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
