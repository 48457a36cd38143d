package io.codinspect.controlplane.sandbox.local;

import io.codinspect.controlplane.sandbox.SandboxSpawnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds what local sandboxes need: the supervisor jar, the OpenCode binary and a java. */
final class LocalInstallation {

    static final String SUPERVISOR_JAR = "sandbox-supervisor/target/sandbox-supervisor-exec.jar";
    static final String OPENCODE_BINARY = "tools/opencode/node_modules/opencode-linux-x64/bin/opencode";

    private LocalInstallation() {}

    static Path supervisorJar(LocalSandboxProperties properties) {
        return locate(properties.supervisorJar(), SUPERVISOR_JAR, "codinspect.sandbox.local.supervisor-jar");
    }

    static Path opencodeBinary(LocalSandboxProperties properties) {
        return locate(properties.opencodeBinary(), OPENCODE_BINARY, "codinspect.sandbox.local.opencode-binary");
    }

    static Path java(LocalSandboxProperties properties) {
        if (properties.java() != null) {
            return properties.java();
        }
        return ProcessHandle.current()
                .info()
                .command()
                .map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Path locate(Path configured, String relative, String setting) {
        if (configured != null) {
            if (!Files.exists(configured)) {
                throw new SandboxSpawnException(configured + " (" + setting + ") does not exist");
            }
            return configured.toAbsolutePath();
        }
        return search(relative)
                .orElseThrow(() -> new SandboxSpawnException("Cannot find " + relative
                        + " here or in a parent folder; build CodInspect (./codinspect up does) or set " + setting));
    }

    private static Optional<Path> search(String relative) {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
